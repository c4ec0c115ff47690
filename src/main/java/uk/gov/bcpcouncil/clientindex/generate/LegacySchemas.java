package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates the legacy schemas from the project's copies of the DDL on the classpath
 * ({@code legacy/bournemouth-mysql.sql}, {@code legacy/poole-postgres.sql}), for the demo, the
 * tests and benchmarks. Creation is idempotent: existing tables are left alone, and a partial
 * schema is refused rather than patched.
 */
public final class LegacySchemas {

    public static final String BOURNEMOUTH_DDL = "legacy/bournemouth-mysql.sql";
    public static final String POOLE_DDL = "legacy/poole-postgres.sql";

    static final List<String> BOURNEMOUTH_TABLES = List.of("client", "client_address", "client_involvement");
    static final List<String> POOLE_TABLES = List.of("person", "person_alias", "person_address", "episode");

    private LegacySchemas() {
    }

    /**
     * Creates the Bournemouth tables in the connection's current database unless they exist.
     *
     * @return true when the tables were created, false when they were already there
     * @throws IllegalStateException when only some of the tables exist
     */
    public static boolean createBournemouth(DataSource bournemouth) {
        try (Connection c = bournemouth.getConnection()) {
            int existing = countTables(c, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_name IN ('client', 'client_address', 'client_involvement')");
            if (existing == BOURNEMOUTH_TABLES.size()) {
                return false;
            }
            if (existing != 0) {
                throw new IllegalStateException("the Bournemouth database holds only some of the legacy tables "
                        + BOURNEMOUTH_TABLES + "; drop them or create the rest by hand");
            }
            run(c, script(BOURNEMOUTH_DDL));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the Bournemouth legacy schema", e);
        }
    }

    /**
     * Creates schema {@code poole} and its tables unless the tables exist; an existing empty
     * schema {@code poole} is used as it is.
     *
     * @return true when the tables were created, false when they were already there
     * @throws IllegalStateException when only some of the tables exist
     */
    public static boolean createPoole(DataSource poole) {
        try (Connection c = poole.getConnection()) {
            int existing = countTables(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'poole' "
                    + "AND table_name IN ('person', 'person_alias', 'person_address', 'episode')");
            if (existing == POOLE_TABLES.size()) {
                return false;
            }
            if (existing != 0) {
                throw new IllegalStateException("schema poole holds only some of the legacy tables " + POOLE_TABLES
                        + "; drop them or create the rest by hand");
            }
            String ddl = script(POOLE_DDL).replaceFirst("(?i)CREATE\\s+SCHEMA\\s+poole", "CREATE SCHEMA IF NOT EXISTS poole");
            run(c, ddl);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the Poole legacy schema", e);
        }
    }

    /** Empties the Bournemouth tables (and resets their auto-increment counters). */
    public static void clearBournemouth(DataSource bournemouth) {
        try (Connection c = bournemouth.getConnection(); Statement s = c.createStatement()) {
            for (String table : BOURNEMOUTH_TABLES) {
                s.execute("TRUNCATE TABLE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the Bournemouth legacy tables", e);
        }
    }

    /** Empties the Poole tables (and restarts their identity sequences). */
    public static void clearPoole(DataSource poole) {
        try (Connection c = poole.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE poole.episode, poole.person_address, poole.person_alias, poole.person RESTART IDENTITY");
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the Poole legacy tables", e);
        }
    }

    static boolean hasRows(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + table, e);
        }
    }

    private static int countTables(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void run(Connection c, String ddl) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            ScriptUtils.executeSqlScript(c, new EncodedResource(
                    new ByteArrayResource(ddl.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String script(String resource) {
        try (InputStream in = LegacySchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
