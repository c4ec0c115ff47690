package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Schema version 15 on IDs issued and events written before it, one row each: each run's IDs become a block, and
 * the views show exactly the rows there were; the database's ID of a sequence number is the job's.
 */
class IssuedIdBlocksMigrationIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;
    static List<String> issuedBefore;
    static List<String> eventsBefore;

    private static final String ISSUED = "SELECT client_id || ' ' || seq || ' ' || issued_run FROM ci_client_id_issued"
            + " ORDER BY seq";
    private static final String EVENTS = "SELECT run_id || ' ' || client_id || ' ' || event || ' ' || related_id || ' '"
            + " || COALESCE(basis_run_id, '-') FROM ci_client_id_event ORDER BY 1";

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        DataSource target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "14");
        // run a issued 1-3 (no basis), run b issued 4-5 against a, merged 2 into 1 and retired 3
        for (long seq = 1; seq <= 5; seq++) {
            String run = seq <= 3 ? "a" : "b";
            jdbc.update("INSERT INTO ci_client_id_issued (client_id, seq, issued_run) VALUES (?, ?, ?)",
                    ClientIds.format(seq), seq, run);
            jdbc.update("INSERT INTO ci_client_id_event (run_id, client_id, event, related_id, basis_run_id)"
                    + " VALUES (?, ?, 'CREATED', '', ?)", run, ClientIds.format(seq), seq <= 3 ? null : "a");
        }
        jdbc.update("INSERT INTO ci_client_id_event (run_id, client_id, event, related_id, basis_run_id)"
                + " VALUES ('b', ?, 'MERGED', ?, 'a')", ClientIds.format(2), ClientIds.format(1));
        jdbc.update("INSERT INTO ci_client_id_event (run_id, client_id, event, related_id, basis_run_id)"
                + " VALUES ('b', ?, 'RETIRED', '', 'a')", ClientIds.format(3));
        issuedBefore = jdbc.queryForList(ISSUED, String.class);
        eventsBefore = jdbc.queryForList(EVENTS, String.class);
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void eachRunsIdsBecomeOneBlockAndTheViewsShowTheRowsThereWere() {
        assertThat(jdbc.queryForList("SELECT issued_run || ' ' || first_seq || '-' || last_seq || ' '"
                + " || COALESCE(basis_run_id, '-') FROM ci_client_id_block ORDER BY first_seq", String.class))
                .containsExactly("a 1-3 -", "b 4-5 a");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_client_id_change WHERE event = 'CREATED'", Long.class))
                .as("no CREATED event stored").isZero();
        assertThat(jdbc.queryForList(ISSUED, String.class)).isEqualTo(issuedBefore);
        assertThat(jdbc.queryForList(EVENTS, String.class)).isEqualTo(eventsBefore);
        assertThat(IndexComparison.eventCounts(jdbc, "b"))
                .containsExactly(Map.entry("CREATED", 2L), Map.entry("MERGED", 1L), Map.entry("RETIRED", 1L),
                        Map.entry("SPLIT", 0L));
    }

    @Test
    void theDatabasesIdOfASequenceNumberIsTheJobs() {
        Map<Long, String> ids = new java.util.TreeMap<>();
        jdbc.query("SELECT s, ci_client_id(s) FROM (SELECT generate_series(1, 20000) UNION ALL"
                + " SELECT unnest(ARRAY[9999999, 10000000, 12345678, 99999998, 99999999]::bigint[])) t (s)", rs -> {
                    ids.put(rs.getLong(1), rs.getString(2));
                });

        assertThat(ids).hasSize(20_005);
        ids.forEach((seq, id) -> assertThat(id).as("sequence %d", seq).isEqualTo(ClientIds.format(seq)));
    }
}
