package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Schema version 18: the cross-references of runs written before it move into a partition per run with both
 * indexes; a run's rows are written into a table without indexes that is indexed and attached once full, or, when
 * its partition is there from an attempt that committed, through the table after its rows are deleted; a record
 * cross-referenced twice and a run without a partition are refused; a rolled-back attempt leaves no table.
 */
class ClientXrefPartitionsIntegrationTest {

    static TestEnvironment env;
    static DataSource target;
    static JdbcTemplate jdbc;

    /** A run id whose name differs from "Run 1" only in punctuation and case. */
    private static final String LIKE_RUN_1 = "run-1";

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "17");
        for (String run : List.of("Run 1", LIKE_RUN_1)) {
            xref("ci_client_xref", run, "POOLE", "1", "C1");
            xref("ci_client_xref", run, "BOURNEMOUTH", "2", "C1");
        }
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static void xref(String table, String run, String source, String id, String client) {
        jdbc.update("INSERT INTO " + table + " (run_id, source_system, source_record_id, client_id) VALUES (?, ?, ?, ?)",
                run, source, id, client);
    }

    private static List<String> rows(String run) {
        return jdbc.queryForList("SELECT source_system || ':' || source_record_id || '=' || client_id FROM ci_client_xref"
                + " WHERE run_id = ? ORDER BY 1", String.class, run);
    }

    private static boolean exists(String table) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table);
    }

    @Test
    void theRowsOfEarlierRunsMoveIntoAPartitionPerRunWithBothIndexesAndNoVacuumAfterInserts() {
        String first = ClientXrefPartitions.name(jdbc, "Run 1");
        String second = ClientXrefPartitions.name(jdbc, LIKE_RUN_1);
        assertThat(first).isNotEqualTo(second).startsWith("ci_client_xref_run_1_");
        for (String run : List.of("Run 1", LIKE_RUN_1)) {
            String partition = ClientXrefPartitions.name(jdbc, run);
            assertThat(jdbc.queryForList("SELECT relname::text FROM pg_class WHERE oid IN (SELECT inhrelid FROM pg_inherits"
                    + " WHERE inhparent = 'ci_client_xref'::regclass) AND relname = ?", String.class, partition))
                    .as("attached").hasSize(1);
            assertThat(BuildClientIndexTaskletIntegrationTest.xrefIndexes(jdbc, partition))
                    .containsExactly(partition + "_client", partition + "_pkey");
            assertThat(jdbc.queryForObject("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = ?::regclass",
                    String.class, partition)).isEqualTo("autovacuum_vacuum_insert_threshold=-1");
            assertThat(rows(run)).containsExactly("BOURNEMOUTH:2=C1", "POOLE:1=C1");
        }
        assertThat(exists("ci_client_xref_v17")).isFalse();
    }

    @Test
    void aNewRunsRowsGoIntoATableWithoutIndexesThatIsIndexedAndAttachedOnceFull() {
        String table = ClientXrefPartitions.loadTable(jdbc, "new");
        assertThat(table).isEqualTo(ClientXrefPartitions.name(jdbc, "new"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_index WHERE indrelid = ?::regclass", Integer.class, table))
                .as("no index while it is written").isZero();
        xref(table, "new", "POOLE", "7", "C7");
        assertThatThrownBy(() -> xref(table, "another", "POOLE", "8", "C8")).as("only the run's rows")
                .isInstanceOf(DataAccessException.class).hasMessageContaining("check constraint");
        assertThat(rows("new")).as("not part of the table before it is attached").isEmpty();

        ClientXrefPartitions.attach(jdbc, "new");
        ClientXrefPartitions.attach(jdbc, "new"); // repeating it does nothing

        assertThat(rows("new")).containsExactly("POOLE:7=C7");
        assertThat(BuildClientIndexTaskletIntegrationTest.xrefIndexes(jdbc, table))
                .containsExactly(table + "_client", table + "_pkey");
        assertThatThrownBy(() -> xref("ci_client_xref", "new", "POOLE", "7", "C9")).as("the primary key holds")
                .isInstanceOf(DataAccessException.class).hasMessageContaining("duplicate key");

        assertThat(ClientXrefPartitions.loadTable(jdbc, "new")).as("attached: written through the table")
                .isEqualTo("ci_client_xref");
        assertThat(rows("new")).as("after its rows were deleted").isEmpty();
        assertThat(rows("Run 1")).as("another run's are kept").hasSize(2);
    }

    @Test
    void aRecordCrossReferencedTwiceIsRefusedWhenTheIndexesAreBuilt() {
        String table = ClientXrefPartitions.loadTable(jdbc, "twice");
        xref(table, "twice", "POOLE", "1", "C1");
        xref(table, "twice", "POOLE", "1", "C2");

        assertThatThrownBy(() -> ClientXrefPartitions.attach(jdbc, "twice")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("could not create unique index");
        assertThat(rows("twice")).isEmpty();
    }

    @Test
    void aRunWithoutAPartitionIsRefusedAndARolledBackAttemptLeavesNoTable() {
        assertThatThrownBy(() -> xref("ci_client_xref", "nowhere", "POOLE", "1", "C1"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("no partition");
        assertThatThrownBy(() -> ClientXrefPartitions.attach(jdbc, "nowhere")).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("ci_client_xref_load_table makes it");

        assertThatThrownBy(() -> new TransactionTemplate(new DataSourceTransactionManager(target)).executeWithoutResult(s -> {
            JdbcTemplate tx = new JdbcTemplate(target);
            xref(ClientXrefPartitions.loadTable(tx, "failed"), "failed", "POOLE", "1", "C1");
            ClientXrefPartitions.attach(tx, "failed");
            throw new IllegalStateException("the step failed after its cross-references");
        })).hasMessage("the step failed after its cross-references");

        assertThat(exists(ClientXrefPartitions.name(jdbc, "failed"))).isFalse();
        assertThat(rows("failed")).isEmpty();
    }
}
