package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The index step over clusters written by hand: each cluster's members' records reach its golden record, the new IDs
 * are issued in byte order of the cluster keys, another run's rows are left alone, and a member whose mapped record
 * is missing fails the step instead of leaving the record out of its client.
 */
class BuildClientIndexTaskletIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;
    static DataSource target;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        TestDatabases.migrate(target);
        jdbc = new JdbcTemplate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("ci_client", "ci_client_xref", "ci_cluster_member", "ci_mapped_record",
                "ci_client_id_block", "ci_client_id_change")) {
            jdbc.update("DELETE FROM " + table);
        }
        for (String run : List.of("r", "other")) {
            // no cross-reference partition either: each test starts as a run's first attempt does
            jdbc.execute("DROP TABLE IF EXISTS " + ClientXrefPartitions.name(jdbc, run));
        }
        for (String run : List.of("r", "other")) {
            // POOLE:1 and BOURNEMOUTH:2 are one child; BOURNEMOUTH:10 is alone; "other" has the same records
            member(run, SourceSystem.POOLE, "1", "BOURNEMOUTH:2", "Amy");
            member(run, SourceSystem.BOURNEMOUTH, "2", "BOURNEMOUTH:2", "Amelia");
            member(run, SourceSystem.BOURNEMOUTH, "10", "BOURNEMOUTH:10", "Zoe");
        }
    }

    private static void member(String run, SourceSystem source, String id, String cluster, String given) {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        CanonicalRecord r = new CanonicalRecord(source, id, List.of(given), "Smith", List.of(), LocalDate.of(2015, 3, 4),
                "ACTUAL", null, "F", "F", absent, absent, "WBRI", "WBRI", null, List.of(), List.of(),
                "2020-01-01T00:00:00Z", false, List.of(), List.of());
        jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, record)"
                + " VALUES (?, ?, ?, 'CANDIDATE', ?::json)", run, source.name(), id, JSON.writeValueAsString(r));
        jdbc.update("INSERT INTO ci_cluster_member (run_id, source_system, source_record_id, cluster_key)"
                + " VALUES (?, ?, ?, ?)", run, source.name(), id, cluster);
    }

    private static void build(String run) throws Exception {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "clientIndexJob"), new JobParameters());
        StepExecution step = new StepExecution(1L, "buildClientIndex", job);
        new TransactionTemplate(new DataSourceTransactionManager(target)).executeWithoutResult(s -> {
            try {
                new BuildClientIndexTasklet(new JdbcTemplate(target), run, JSON).execute(new StepContribution(step),
                        new ChunkContext(new StepContext(step)));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
    }

    @Test
    void eachClusterBecomesOneClientWithItsMembersInKeyOrder() throws Exception {
        build("r");

        List<Map<String, Object>> clients = jdbc.queryForList("SELECT client_id, cluster_key, member_count, members"
                + "::text AS members FROM ci_client WHERE run_id = 'r' ORDER BY client_id");
        assertThat(clients).extracting(c -> c.get("cluster_key"))
                .as("IDs issued in byte order of the cluster keys: BOURNEMOUTH:10 before BOURNEMOUTH:2")
                .containsExactly("BOURNEMOUTH:10", "BOURNEMOUTH:2");
        assertThat(clients.get(1).get("member_count")).isEqualTo(2);
        assertThat(clients.get(1).get("members")).isEqualTo("{BOURNEMOUTH:2,POOLE:1}");
        assertThat(jdbc.queryForList("SELECT source_system || ':' || source_record_id FROM ci_client_xref"
                + " WHERE run_id = 'r' AND client_id = ? ORDER BY 1", String.class, clients.get(1).get("client_id")))
                .containsExactly("BOURNEMOUTH:2", "POOLE:1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_client WHERE run_id = 'other'", Integer.class))
                .as("another run's clusters are not indexed by this run").isZero();

        String partition = ClientXrefPartitions.name(jdbc, "r");
        assertThat(xrefIndexes(jdbc, partition)).as("the run's partition, indexed after its rows were written")
                .containsExactly(partition + "_client", partition + "_pkey");
        List<String> xrefs = xrefs("r");

        build("r"); // a rerun of the step replaces its rows (through the partition now there) and issues the same IDs
        assertThat(jdbc.queryForList("SELECT client_id FROM ci_client WHERE run_id = 'r' ORDER BY client_id",
                String.class)).containsExactlyElementsOf(clients.stream().map(c -> (String) c.get("client_id")).toList());
        assertThat(xrefs("r")).containsExactlyElementsOf(xrefs).hasSize(3);
        assertThat(xrefIndexes(jdbc, partition)).containsExactly(partition + "_client", partition + "_pkey");
    }

    /** The run's cross-references, record=client, in key order. */
    private static List<String> xrefs(String run) {
        return jdbc.queryForList("SELECT source_system || ':' || source_record_id || '=' || client_id FROM ci_client_xref"
                + " WHERE run_id = ? ORDER BY 1", String.class, run);
    }

    /** The indexes of a partition of ci_client_xref that are partitions of the table's own indexes, by name. */
    static List<String> xrefIndexes(JdbcTemplate jdbc, String partition) {
        return jdbc.queryForList("SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_inherits p"
                + " ON p.inhrelid = i.indexrelid WHERE i.indrelid = to_regclass(?) AND p.inhparent IN"
                + " ('ci_client_xref_pkey'::regclass, 'ix_ci_client_xref_client'::regclass) ORDER BY 1", String.class,
                partition);
    }

    @Test
    void aMemberWithoutItsMappedRecordFailsTheStep() {
        jdbc.update("DELETE FROM ci_mapped_record WHERE run_id = 'r' AND source_system = 'POOLE'");

        assertThatThrownBy(() -> build("r")).hasMessageContaining("cluster BOURNEMOUTH:2 has a member without a mapped"
                + " record in run r");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_client_xref WHERE run_id = 'r'", Integer.class))
                .as("nothing of the failed attempt stays").isZero();
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class,
                ClientXrefPartitions.name(jdbc, "r"))).as("not even the table its cross-references went into").isTrue();
    }
}
