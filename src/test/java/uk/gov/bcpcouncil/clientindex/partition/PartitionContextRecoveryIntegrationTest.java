package uk.gov.bcpcouncil.clientindex.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.mapping.MappingLoader;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * A restart after the run was killed between Spring Batch saving a partition's step execution and saving its
 * ExecutionContext, on real databases. A run fails after its partitions were created (a trigger in the target
 * refuses the step's rows; it is dropped before the restart), then a partition's saved context is blanked as
 * the kill leaves it: saved empty by Spring Batch, or with no context row at all (and the partition never
 * started). The restart rebuilds the
 * lost owner and range from the neighbours' ranges and completes, every row read once by its own partition and
 * the control totals balanced; with two neighbouring partitions lost, the restart fails saying so.
 */
@SpringBootTest(classes = ClientIndexApplication.class,
        properties = { "clientindex.partitioning.mode=local", "clientindex.partitioning.grid-size=4",
                "clientindex.chunk-size=20" })
class PartitionContextRecoveryIntegrationTest {

    static final TestEnvironment ENV = TestDatabases.newEnvironment();
    static final Path WORK = tempDir();
    static final Path DELIVERY = WORK.resolve("christchurch");
    static final String EXTRACT = "extractLegacyPartition:extractBournemouthClients-";
    static final String MAP = "mapRecordsPartition:mapRecords-";

    static {
        GeneratedLegacyData.generate(ENV, DELIVERY, WORK.resolve("truth.csv"), 300, 23);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENV.register(registry, DELIVERY, WORK);
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job job;

    @Autowired
    JobRepository repository;

    final JdbcTemplate target = new JdbcTemplate(ENV.targetAdmin());

    @AfterAll
    static void dropDatabases() {
        ENV.close();
    }

    @Test
    void extractPartitionsWithAContextSavedEmptyOrNeverSavedAreRebuiltAndTheRestartCompletes() throws Exception {
        RunParameters run = RunParameters.of("2026-11-26", "extract");
        JobExecution failed = failIn(run, "ci_stg_row", "NEW.source_system = 'BOURNEMOUTH' AND NEW.entity = 'PERSON'");
        assertThat(partitions(failed, EXTRACT)).as("the four partitions failed").hasSize(4)
                .allSatisfy((name, s) -> assertThat(s.getStatus()).isEqualTo(BatchStatus.FAILED));
        Map<String, Object> range1 = range(partitions(failed, EXTRACT).get(EXTRACT + 1));
        Map<String, Object> range3 = range(partitions(failed, EXTRACT).get(EXTRACT + 3));
        saveEmptyContext(failed, EXTRACT + 1); // an inner partition: its range from both neighbours
        deleteContextRow(failed, EXTRACT + 3); // the last partition: it reads to the end
        // as the kill leaves it: the partition never started, the run still STARTED; ./run.sh restart recovers it
        target.update("UPDATE batch_step_execution SET status = 'STARTING', exit_code = 'EXECUTING', start_time = NULL,"
                + " end_time = NULL WHERE step_execution_id = ?", partitions(failed, EXTRACT).get(EXTRACT + 3).getId());
        target.update("UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL"
                + " WHERE job_execution_id = ?", failed.getId());
        jobOperator.recover(repository.getJobExecution(failed.getId()));

        JobExecution restarted = start(run);

        assertThat(restarted.getStatus()).as(restarted.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        Map<String, StepExecution> rerun = partitions(restarted, EXTRACT);
        assertThat(rerun).hasSize(4);
        long clients = new JdbcTemplate(ENV.bournemouthAdmin()).queryForObject("SELECT COUNT(*) FROM client", Long.class);
        assertThat(rerun.values().stream().mapToLong(StepExecution::getReadCount).sum())
                .as("every client read once, each by its own partition").isEqualTo(clients);
        assertThat(rerun.get(EXTRACT + 1).getReadCount()).isPositive().isLessThan(clients / 2);
        assertThat(rerun.get(EXTRACT + 3).getReadCount()).isPositive().isLessThan(clients / 2);
        assertThat(range(rerun.get(EXTRACT + 1))).as("the rebuilt range, as saved").isEqualTo(range1)
                .containsEntry(KeyRangePartitioner.OWNER, "extractBournemouthClients").hasSize(3);
        assertThat(range(rerun.get(EXTRACT + 3))).as("the rebuilt range of the last, as saved").isEqualTo(range3)
                .hasSize(2);
        assertThat(target.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND source_system ="
                + " 'BOURNEMOUTH' AND entity = 'PERSON'", Long.class, run.runId())).isEqualTo(clients);
        assertBalanced(run);
    }

    @Test
    void aMapRecordsPartitionWithALostRangeReadsOnlyItsOwnRange() throws Exception {
        RunParameters run = RunParameters.of("2026-11-26", "map");
        JobExecution failed = failIn(run, "ci_mapped_record", "true");
        assertThat(partitions(failed, MAP)).as("one range per partition of the grid: too few persons for more")
                .hasSize(4);
        saveEmptyContext(failed, MAP + 2);

        JobExecution restarted = start(run);

        assertThat(restarted.getStatus()).as(restarted.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        long persons = target.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND entity = 'PERSON'",
                Long.class, run.runId());
        Map<String, StepExecution> rerun = partitions(restarted, MAP);
        assertThat(rerun.values().stream().mapToLong(StepExecution::getReadCount).sum())
                .as("every staged person mapped once, not the whole range again by the rebuilt partition")
                .isEqualTo(persons);
        assertThat(target.queryForObject("SELECT COUNT(*) FROM ci_mapped_record WHERE run_id = ?", Long.class,
                run.runId())).isEqualTo(persons);
        assertBalanced(run);
    }

    @Test
    void twoNeighbouringPartitionsWithLostRangesFailTheRestartSayingWhatToDo() throws Exception {
        RunParameters run = RunParameters.of("2026-11-26", "lost");
        JobExecution failed = failIn(run, "ci_stg_row", "NEW.source_system = 'BOURNEMOUTH' AND NEW.entity = 'PERSON'");
        saveEmptyContext(failed, EXTRACT + 1);
        deleteContextRow(failed, EXTRACT + 2);

        JobExecution restarted = start(run);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
        Map<String, StepExecution> rerun = partitions(restarted, EXTRACT);
        for (int i : new int[] { 1, 2 }) {
            StepExecution lost = rerun.get(EXTRACT + i);
            assertThat(lost.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(lost.getReadCount()).as("nothing read by partition %d", i).isZero();
            assertThat(lost.getFailureExceptions()).first().extracting(Throwable::getMessage).asString()
                    .startsWith("The key range of partition " + EXTRACT + i + " cannot be recovered")
                    .contains("partition " + EXTRACT + (i == 1 ? 2 : 1) + ",")
                    .contains("Start a new run with another --label");
        }
        assertThat(target.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND source_system ="
                + " 'BOURNEMOUTH' AND entity = 'PERSON'", Long.class, run.runId()))
                .as("only partitions 0 and 3 wrote").isEqualTo(rerun.get(EXTRACT + 0).getWriteCount()
                        + rerun.get(EXTRACT + 3).getWriteCount());
    }

    /** Runs the job with a trigger refusing the rows of {@code table} that match {@code when}; the failed run. */
    private JobExecution failIn(RunParameters run, String table, String when) throws Exception {
        target.execute("CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
        target.execute("CREATE TRIGGER test_refuse BEFORE INSERT ON " + table + " FOR EACH ROW WHEN (NEW.run_id = '"
                + run.runId() + "' AND " + when + ") EXECUTE FUNCTION test_refuse()");
        try {
            JobExecution failed = start(run);
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            return failed;
        } finally {
            target.execute("DROP TRIGGER test_refuse ON " + table);
        }
    }

    private JobExecution start(RunParameters run) throws Exception {
        return jobOperator.start(job, run.toJobParameters(MappingLoader.load(Path.of("mappings"))));
    }

    /** A partition's context saved empty, as Spring Batch saves it when it creates the partition's step execution. */
    private void saveEmptyContext(JobExecution execution, String partition) {
        StepExecution step = partitions(execution, partition.substring(0, partition.lastIndexOf('-') + 1)).get(partition);
        step.setExecutionContext(new ExecutionContext());
        repository.updateExecutionContext(step);
    }

    private void deleteContextRow(JobExecution execution, String partition) {
        StepExecution step = partitions(execution, partition.substring(0, partition.lastIndexOf('-') + 1)).get(partition);
        assertThat(target.update("DELETE FROM batch_step_execution_context WHERE step_execution_id = ?", step.getId()))
                .isEqualTo(1);
    }

    private static Map<String, StepExecution> partitions(JobExecution execution, String prefix) {
        Map<String, StepExecution> found = new TreeMap<>();
        execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith(prefix))
                .forEach(s -> found.put(s.getStepName(), s));
        return found;
    }

    /** The owner and key range in a partition's saved context. */
    private Map<String, Object> range(StepExecution step) {
        ExecutionContext saved = repository.getStepExecution(step.getId()).getExecutionContext();
        Map<String, Object> range = new TreeMap<>();
        saved.entrySet().stream().filter(e -> e.getKey().startsWith("partition."))
                .forEach(e -> range.put(e.getKey(), e.getValue()));
        return range;
    }

    private static void assertBalanced(RunParameters run) throws IOException {
        Path summary = WORK.resolve("reports").resolve(run.runId()).resolve("summary.json");
        assertThat(JsonMapper.builder().build().readTree(summary.toFile()).get("balanced").asBoolean())
                .as("control totals of %s", run.runId()).isTrue();
        List<String> lineage = Files.readAllLines(WORK.resolve("reports").resolve(run.runId()).resolve("lineage.csv"));
        assertThat(lineage.stream().skip(1).distinct().count()).isEqualTo(lineage.size() - 1L);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("clientindex-partfix-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
