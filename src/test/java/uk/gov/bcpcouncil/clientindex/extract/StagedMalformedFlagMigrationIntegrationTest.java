package uk.gov.bcpcouncil.clientindex.extract;

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
 * Schema version 19: rows staged before it are flagged malformed exactly when their data has a reason, and every
 * partition's index of malformed rows, made before or after, is on the flag instead of inside the JSON.
 */
class StagedMalformedFlagMigrationIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        DataSource target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "18");
        jdbc.queryForObject("SELECT ci_stg_partition_create('before')", Boolean.class);
        String insert = "INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)"
                + " VALUES ('before', ?, ?, ?, ?, ?::json)";
        jdbc.update(insert, "POOLE", "PERSON", "P1", "P1", "{\"a\": \"1\"}");
        jdbc.update(insert, "POOLE", "PERSON", "P2", "P2", "{\"_malformed\": \"person birth_date is not a date\"}");
        jdbc.update(insert, "BOURNEMOUTH", "ADDRESS", "A1", "7", "{\"_malformed\": \"client_address line1 holds a"
                + " control character (U+000A)\"}");
        jdbc.update(insert, "BOURNEMOUTH", "PERSON", "7", "7", "{\"b\": \"_malformed\"}");
        TestDatabases.migrate(target);
        jdbc.queryForObject("SELECT ci_stg_partition_create('after')", Boolean.class);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void rowsStagedBeforeAreFlaggedExactlyWhenTheyHaveAReason() {
        assertThat(jdbc.queryForList("SELECT source_system || ':' || row_id FROM ci_stg_row WHERE run_id = 'before'"
                + " AND malformed ORDER BY 1", String.class)).containsExactly("BOURNEMOUTH:A1", "POOLE:P2");
    }

    @Test
    void everyPartitionsIndexOfMalformedRowsIsOnTheFlag() {
        for (String run : List.of("before", "after")) {
            String partition = jdbc.queryForObject("SELECT ci_stg_partition_name(?)", String.class, run);
            assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class,
                    partition + "_malformed")).as(run).endsWith("(source_system) WHERE malformed");
        }
    }
}
