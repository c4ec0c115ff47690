package uk.gov.bcpcouncil.clientindex.support;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A test target database holding one table {@code (run_id, k, v)} keyed on {@code (run_id, k)}, for the tests of
 * the bulk writers (insert first, COPY first, the upsert of a replayed chunk). Closing it drops the database.
 */
public final class KeyedTestTable implements AutoCloseable {

    private final TestEnvironment env;
    private final String table;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    private KeyedTestTable(TestEnvironment env, String table) {
        this.env = env;
        this.table = table;
        this.jdbc = new JdbcTemplate(env.targetAdmin());
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(env.targetAdmin()));
    }

    /** A new test database with the table {@code table} (a constant name) in it. */
    public static KeyedTestTable create(String table) {
        KeyedTestTable t = new KeyedTestTable(TestDatabases.newEnvironment(), table);
        t.jdbc.execute("CREATE TABLE " + table + " (run_id text NOT NULL, k text NOT NULL, v text NOT NULL,"
                + " PRIMARY KEY (run_id, k))");
        return t;
    }

    /** The writers' upsert of one chunk into {@code table}: run id, then the keys' and values' arrays. */
    public static String upsertInto(String table) {
        return "INSERT INTO " + table + " (run_id, k, v) SELECT ?, t.k, t.v FROM unnest(?::text[], ?::text[]) AS t(k, v)"
                + " ON CONFLICT (run_id, k) DO UPDATE SET v = EXCLUDED.v";
    }

    public DataSource target() {
        return env.targetAdmin();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate tx() {
        return tx;
    }

    /** Empties the table (before each test). */
    public void empty() {
        jdbc.execute("TRUNCATE " + table);
    }

    @Override
    public void close() {
        env.close();
    }
}
