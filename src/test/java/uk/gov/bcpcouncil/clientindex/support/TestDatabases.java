package uk.gov.bcpcouncil.clientindex.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import uk.gov.bcpcouncil.clientindex.infra.EmbeddedServers;

/**
 * The one entry point that gives a test a PostgreSQL and a MySQL-protocol server, chosen once per JVM:
 * <ol>
 * <li>servers named by environment variables, when both are set:
 * {@code CLIENTINDEX_TEST_POSTGRES_URL} (an admin JDBC URL, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and {@code CLIENTINDEX_TEST_MYSQL_URL}
 * (e.g. {@code jdbc:mysql://127.0.0.1:3306/?user=root});</li>
 * <li>otherwise Testcontainers (PostgreSQL 15, MySQL 8.4) where Docker is available;</li>
 * <li>otherwise embedded PostgreSQL 15 and MariaDB 11.4 in a folder of their own under {@code target/}.</li>
 * </ol>
 * Each {@link #newEnvironment()} creates fresh databases with unique names, dropped when it is closed, so
 * test classes never see each other's data.
 */
public final class TestDatabases {

    /** An admin connection to a server: the URL to reach database {@code name}. */
    interface Server {
        String url(String database);

        String adminUrl();

        String user();

        String password();
    }

    private static Server postgres;
    private static Server mysql;
    private static String kind;

    private TestDatabases() {
    }

    public static synchronized String kind() {
        init();
        return kind;
    }

    public static synchronized TestEnvironment newEnvironment() {
        init();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        String target = "ci_target_" + suffix;
        String poole = "ci_poole_" + suffix;
        String bournemouth = "ci_bournemouth_" + suffix;
        execute(postgres, "CREATE DATABASE " + target);
        execute(postgres, "CREATE DATABASE " + poole);
        execute(mysql, "CREATE DATABASE " + bournemouth + " CHARACTER SET utf8mb4");
        return new TestEnvironment(postgres, mysql, target, poole, bournemouth);
    }

    /** The target schema on {@code target}: every migration (the job's own startup does the same). */
    public static void migrate(javax.sql.DataSource target) {
        migrate(target, null);
    }

    /**
     * The target schema on {@code target} up to {@code version} inclusive ({@code null}: every migration), for a test
     * that writes rows as an earlier version kept them and then migrates the rest.
     */
    public static void migrate(javax.sql.DataSource target, String version) {
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = org.flywaydb.core.Flyway.configure()
                .dataSource(target).javaMigrations(new uk.gov.bcpcouncil.clientindex.config.V1__SpringBatchMetadata());
        (version == null ? flyway : flyway.target(version)).load().migrate();
    }

    static void execute(Server server, String sql) {
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void init() {
        if (postgres != null) {
            return;
        }
        String pgUrl = System.getenv("CLIENTINDEX_TEST_POSTGRES_URL");
        String myUrl = System.getenv("CLIENTINDEX_TEST_MYSQL_URL");
        if (pgUrl != null && myUrl != null) {
            postgres = new UrlServer(pgUrl, System.getenv("CLIENTINDEX_TEST_POSTGRES_USER"),
                    System.getenv("CLIENTINDEX_TEST_POSTGRES_PASSWORD"));
            mysql = new UrlServer(myUrl, System.getenv("CLIENTINDEX_TEST_MYSQL_USER"),
                    System.getenv("CLIENTINDEX_TEST_MYSQL_PASSWORD"));
            kind = "servers from environment (" + strip(pgUrl) + ", " + strip(myUrl) + ")";
        } else if (dockerAvailable()) {
            startContainers();
        } else {
            startEmbedded();
        }
        System.out.println("Test databases: " + kind);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static void startContainers() {
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15");
        MySQLContainer my = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
        pg.start();
        my.start();
        postgres = new UrlServer(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        mysql = new UrlServer(my.getJdbcUrl(), "root", "test");
        kind = "Testcontainers (postgres:15, mysql:8.4)";
    }

    private static void startEmbedded() {
        try {
            Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-db-");
            EmbeddedServers servers = EmbeddedServers.start(folder);
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close));
            postgres = new Server() {
                public String url(String database) {
                    return servers.postgresUrl(database);
                }

                public String adminUrl() {
                    return servers.postgresUrl("postgres");
                }

                public String user() {
                    return "postgres";
                }

                public String password() {
                    return null;
                }
            };
            mysql = new Server() {
                public String url(String database) {
                    return servers.mariadbUrl(database);
                }

                public String adminUrl() {
                    return servers.mariadbUrl("");
                }

                public String user() {
                    return "root";
                }

                public String password() {
                    return null;
                }
            };
            kind = "embedded PostgreSQL 15 and MariaDB 11.4 in " + folder;
        } catch (IOException e) {
            throw new IllegalStateException("embedded databases did not start: " + e.getMessage(), e);
        }
    }

    private static String strip(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A server reached by an admin JDBC URL; other databases on it by replacing the URL's database. */
    record UrlServer(String adminUrl, String user, String password) implements Server {
        public String url(String database) {
            // jdbc:<vendor>://host:port/<db>?params
            int start = adminUrl.indexOf('/', adminUrl.indexOf("//") + 2);
            int q = adminUrl.indexOf('?');
            String params = q < 0 ? "" : adminUrl.substring(q);
            return adminUrl.substring(0, start) + "/" + database + params;
        }
    }
}
