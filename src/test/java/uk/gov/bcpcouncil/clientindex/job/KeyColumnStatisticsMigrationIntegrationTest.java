package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Schema version 20: every column of ci_mapped_record and the columns of ci_client analysed before reconcile have
 * statistics target 10 (a small sample of their wide rows), every other column the server's default.
 */
class KeyColumnStatisticsMigrationIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        DataSource target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** The columns of {@code table} whose statistics target is 10, in name order. */
    private static List<String> smallTarget(String table) {
        return jdbc.queryForList("SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
                + " AND NOT attisdropped AND attstattarget = 10 ORDER BY attname", String.class, table);
    }

    @Test
    void theMappedRecordsAndTheClientsAnalysedColumnsSampleSmall() {
        List<String> all = jdbc.queryForList("SELECT attname::text FROM pg_attribute WHERE attrelid = 'ci_mapped_record'"
                + "::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname", String.class);
        assertThat(all).contains("record", "match_view", "outcome");
        assertThat(smallTarget("ci_mapped_record")).as("every column, so that its whole analyse samples small")
                .isEqualTo(all);
        assertThat(smallTarget("ci_client")).containsExactly("client_id", "member_count", "run_id");
        assertThat(smallTarget("ci_cluster_member")).as("other tables keep the server's default").isEmpty();
        // the golden record's other columns keep the default: autovacuum's analyse of the whole table samples as before
        assertThat(jdbc.queryForObject("SELECT attstattarget FROM pg_attribute WHERE attrelid = 'ci_client'::regclass"
                + " AND attname = 'nhs_number'", Integer.class)).isEqualTo(-1);
    }

    @Test
    void theListenersAnalyseGivesEveryColumnItsStatistics() {
        jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, record)"
                + " SELECT 'r', 'POOLE', 'P' || i, CASE WHEN i % 10 = 0 THEN 'REJECTED' ELSE 'CANDIDATE' END, '{}'"
                + " FROM generate_series(1, 5000) i");
        new AnalyzeStagingListener(jdbc, "ci_mapped_record").beforeStep(null);
        assertThat(jdbc.queryForList("SELECT attname::text FROM pg_stats WHERE tablename = 'ci_mapped_record'"
                + " ORDER BY attname", String.class)).contains("outcome", "record", "run_id", "source_record_id");
        assertThat(jdbc.queryForObject("SELECT reltuples::bigint FROM pg_class WHERE relname = 'ci_mapped_record'",
                Long.class)).isEqualTo(5000L);
    }
}
