package uk.gov.bcpcouncil.clientindex.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Schema version 14 on records written before it (as jsonb): the mapped records get the report's columns from their
 * JSON and keep their content as json, the golden records get their members, and a clerical decision's content hash
 * over a pair of such records is the one it was before the migration.
 */
class RecordsAsJsonMigrationIntegrationTest {

    static TestEnvironment env;
    static DataSource target;
    static JdbcTemplate jdbc;
    /** The content hash of the pair (POOLE:P1, POOLE:P2) of run r, as version 13 computed it. */
    static String hashBefore;

    private static final String RECORD = "{\"ethnicity\": \"WBRI\", \"addresses\": [{\"text\": \"1 High St\","
            + " \"postcode\": {\"raw\": \"bh1 1aa\", \"status\": \"VALID\", \"normalised\": \"BH1 1AA\"}},"
            + " {\"text\": \"NFA\", \"postcode\": {\"raw\": null, \"status\": \"ABSENT\", \"normalised\": null}}],"
            + " \"unmapped\": [{\"slot\": \"ethnicity\", \"code\": \"Z\\\"Z\"}, {\"slot\": \"need\", \"code\": \"N9\"}]}";

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "13");
        String mapped = "INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, record)"
                + " VALUES ('r', 'POOLE', ?, ?, ?::jsonb)";
        jdbc.update(mapped, "P1", "CANDIDATE", RECORD);
        jdbc.update(mapped, "P2", "CANDIDATE", "{\"ethnicity\": \"UNMAPPED\", \"addresses\": [], \"unmapped\": []}");
        jdbc.update(mapped, "P3", "REJECTED", null);
        jdbc.update("INSERT INTO ci_client (run_id, client_id, cluster_key, member_count, record)"
                + " VALUES ('r', 'BCP00000001X', 'POOLE:P1', 2, ?::jsonb)",
                "{\"clientId\": \"BCP00000001X\", \"members\": [\"POOLE:P1\", \"POOLE:P2\"]}");
        hashBefore = pairHash("r", "encode(sha256(convert_to(l.record::text || '|' || r.record::text, 'UTF8')), 'hex')");
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** The hash of the pair (POOLE:P1, POOLE:P2) of a run (a literal here) by the hash expression given. */
    private static String pairHash(String run, String hash) {
        String literal = "'" + run + "'";
        return jdbc.queryForObject("SELECT " + hash + " FROM (SELECT 'POOLE:P1' AS lk, 'POOLE:P2' AS rk) q"
                + PairContent.join("l", "q.lk", literal) + PairContent.join("r", "q.rk", literal), String.class);
    }

    @Test
    void mappedRecordsKeepTheirContentAsJsonWithTheReportsColumnsFilledFromIt() {
        Map<String, Object> p1 = jdbc.queryForMap("SELECT pg_typeof(record)::text AS type, record::jsonb = ?::jsonb AS same,"
                + " ethnicity, postcode_statuses::text AS statuses, unmapped_slots::text AS slots,"
                + " unmapped_codes::text AS codes FROM ci_mapped_record WHERE source_record_id = 'P1'", RECORD);

        assertThat(p1.get("type")).isEqualTo("json");
        assertThat(p1.get("same")).isEqualTo(true);
        assertThat(p1.get("ethnicity")).isEqualTo("WBRI");
        assertThat(p1.get("statuses")).isEqualTo("{VALID,ABSENT}");
        assertThat(p1.get("slots")).isEqualTo("{ethnicity,need}");
        assertThat(p1.get("codes")).isEqualTo("{\"Z\\\"Z\",N9}");
        Map<String, Object> p2 = jdbc.queryForMap("SELECT ethnicity, postcode_statuses, unmapped_codes"
                + " FROM ci_mapped_record WHERE source_record_id = 'P2'");
        assertThat(p2.get("ethnicity")).isEqualTo("UNMAPPED");
        assertThat(p2.get("postcode_statuses")).as("no address: none").isNull();
        assertThat(p2.get("unmapped_codes")).isNull();
        assertThat(jdbc.queryForObject("SELECT ethnicity IS NULL AND record IS NULL FROM ci_mapped_record"
                + " WHERE source_record_id = 'P3'", Boolean.class)).isTrue();
    }

    @Test
    void goldenRecordsGetTheirMembersAndStayAsJson() {
        Map<String, Object> client = jdbc.queryForMap("SELECT pg_typeof(record)::text AS type, members::text AS members"
                + " FROM ci_client WHERE client_id = 'BCP00000001X'");

        assertThat(client.get("type")).isEqualTo("json");
        assertThat(client.get("members")).isEqualTo("{POOLE:P1,POOLE:P2}");
    }

    @Test
    void aDecisionTakenBeforeTheMigrationStillMatchesTheUnchangedPairInALaterRun() {
        assertThat(pairHash("r", PairContent.hash("l", "r"))).isEqualTo(hashBefore);
        // a later run writes the same content as the job's JSON writer does: compact, keys in its own order
        String mapped = "INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, record)"
                + " VALUES ('r2', 'POOLE', ?, 'CANDIDATE', ?::json)";
        jdbc.update(mapped, "P1", RECORD.replace(": ", ":").replace(", ", ","));
        jdbc.update(mapped, "P2", "{\"ethnicity\":\"UNMAPPED\",\"addresses\":[],\"unmapped\":[]}");

        assertThat(pairHash("r2", PairContent.hash("l", "r"))).isEqualTo(hashBefore);
        jdbc.update("UPDATE ci_mapped_record SET record = '{\"ethnicity\":\"WBRI\",\"addresses\":[],\"unmapped\":[]}'"
                + " WHERE run_id = 'r2' AND source_record_id = 'P2'");
        assertThat(pairHash("r2", PairContent.hash("l", "r"))).as("changed content").isNotEqualTo(hashBefore);
    }
}
