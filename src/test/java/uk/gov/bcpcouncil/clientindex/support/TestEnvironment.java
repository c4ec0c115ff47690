package uk.gov.bcpcouncil.clientindex.support;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Fresh, empty databases for one test class: the target and Poole on PostgreSQL, Bournemouth on the
 * MySQL-protocol server. {@link #close()} drops them.
 */
public final class TestEnvironment implements AutoCloseable {

    private final TestDatabases.Server postgres;
    private final TestDatabases.Server mysql;
    private final String target;
    private final String poole;
    private final String bournemouth;

    TestEnvironment(TestDatabases.Server postgres, TestDatabases.Server mysql, String target, String poole,
            String bournemouth) {
        this.postgres = postgres;
        this.mysql = mysql;
        this.target = target;
        this.poole = poole;
        this.bournemouth = bournemouth;
    }

    public String targetUrl() {
        return postgres.url(target);
    }

    public String pooleUrl() {
        return postgres.url(poole);
    }

    public String bournemouthUrl() {
        return withParams(mysql.url(bournemouth));
    }

    public String postgresUser() {
        return postgres.user();
    }

    public String mysqlUser() {
        return mysql.user();
    }

    /** Admin (writable) connections, for generating legacy data and inspecting results. */
    public DataSource targetAdmin() {
        return new DriverManagerDataSource(targetUrl(), postgres.user(), postgres.password());
    }

    public DataSource pooleAdmin() {
        return new DriverManagerDataSource(pooleUrl(), postgres.user(), postgres.password());
    }

    public DataSource bournemouthAdmin() {
        return new DriverManagerDataSource(bournemouthUrl(), mysql.user(), mysql.password());
    }

    /** The job's settings for these databases, with the admin accounts. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("clientindex.target.url", targetUrl());
        p.put("clientindex.target.username", postgres.user());
        p.put("clientindex.target.password", postgres.password() == null ? "" : postgres.password());
        p.put("clientindex.sources.poole.url", pooleUrl());
        p.put("clientindex.sources.poole.username", postgres.user());
        p.put("clientindex.sources.poole.password", postgres.password() == null ? "" : postgres.password());
        p.put("clientindex.sources.bournemouth.url", bournemouthUrl());
        p.put("clientindex.sources.bournemouth.username", mysql.user());
        p.put("clientindex.sources.bournemouth.password", mysql.password() == null ? "" : mysql.password());
        return p;
    }

    /**
     * Registers these databases' settings with a Spring test context, with the Christchurch delivery folder
     * and the reports folder ({@code reports} under {@code work}).
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry,
            java.nio.file.Path delivery, java.nio.file.Path work) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("clientindex.sources.christchurch.directory", delivery::toString);
        registry.add("clientindex.reports.directory", () -> work.resolve("reports").toString());
    }

    /** Creates SELECT-only legacy accounts and returns them as job settings (overriding the admin ones). */
    public Map<String, Object> readOnlyLegacyAccounts() {
        String user = "ci_reader_" + bournemouth.substring(bournemouth.lastIndexOf('_') + 1);
        TestDatabases.execute(mysql, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'reader-pw'");
        TestDatabases.execute(mysql, "GRANT SELECT ON " + bournemouth + ".* TO '" + user + "'@'%'");
        TestDatabases.execute(postgres, "CREATE ROLE " + user + " LOGIN PASSWORD 'reader-pw'");
        try (var c = java.sql.DriverManager.getConnection(pooleUrl(), postgres.user(), postgres.password());
                var s = c.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA poole TO " + user);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA poole TO " + user);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("clientindex.sources.poole.username", user);
        p.put("clientindex.sources.poole.password", "reader-pw");
        p.put("clientindex.sources.bournemouth.username", user);
        p.put("clientindex.sources.bournemouth.password", "reader-pw");
        readers.add(user);
        return p;
    }

    private final java.util.List<String> readers = new java.util.ArrayList<>();

    private static String withParams(String url) {
        if (url.contains("allowPublicKeyRetrieval")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "allowPublicKeyRetrieval=true";
    }

    @Override
    public void close() {
        TestDatabases.execute(postgres, "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
        TestDatabases.execute(postgres, "DROP DATABASE IF EXISTS " + poole + " WITH (FORCE)");
        TestDatabases.execute(mysql, "DROP DATABASE IF EXISTS " + bournemouth);
        for (String user : readers) {
            TestDatabases.execute(mysql, "DROP USER IF EXISTS '" + user + "'@'%'");
            TestDatabases.execute(postgres, "DROP ROLE IF EXISTS " + user);
        }
    }
}
