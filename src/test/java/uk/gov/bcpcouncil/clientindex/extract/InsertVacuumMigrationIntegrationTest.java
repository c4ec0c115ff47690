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
 * Schema version 17: the working tables, a staging partition made before it and every new staging partition carry
 * no vacuum after inserts; the partition function still makes a partition once and its malformed-row index.
 */
class InsertVacuumMigrationIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        DataSource target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "16");
        jdbc.queryForObject("SELECT ci_stg_partition_create('before')", Boolean.class);
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static List<String> options(String table) {
        List<String> options = jdbc.queryForObject("SELECT COALESCE(reloptions, '{}')::text FROM pg_class"
                + " WHERE oid = to_regclass(?)", String.class, table).replaceAll("[{}]", "").lines().toList();
        return List.of(options.isEmpty() ? new String[0] : options.get(0).split(","));
    }

    @Test
    void theWorkingTablesAndEveryStagingPartitionAreNotVacuumedForInsertsOnly() {
        // ci_client_xref is partitioned since V18, each partition with the setting (ClientXrefPartitionsIntegrationTest)
        for (String table : List.of("ci_mapped_record", "ci_cluster_member", "ci_client", "ci_match_pair",
                "ci_match_explanation", "ci_match_levels")) {
            assertThat(options(table)).as(table).contains("autovacuum_vacuum_insert_threshold=-1");
        }
        assertThat(jdbc.queryForObject("SELECT ci_stg_partition_create('after')", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT ci_stg_partition_create('after')", Boolean.class))
                .as("made once").isFalse();
        for (String run : List.of("before", "after")) {
            String partition = jdbc.queryForObject("SELECT ci_stg_partition_name(?)", String.class, run);
            assertThat(options(partition)).as(partition).contains("autovacuum_vacuum_insert_threshold=-1");
            assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, partition + "_malformed"))
                    .isTrue();
        }
        assertThat(options("ci_run")).as("other tables keep the server's settings").isEmpty();
    }
}
