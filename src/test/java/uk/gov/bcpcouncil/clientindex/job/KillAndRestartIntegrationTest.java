package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.cli.JobProcess;
import uk.gov.bcpcouncil.clientindex.reconcile.RunComparison;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Restart from checkpoints, proven by killing the job: the packaged application runs as a child process
 * on generated data and is killed at seeded random moments ({@value #KILLS} SIGKILLs, then as many SIGTERMs),
 * restarted after each, until it completes; when a run completes before the next kill, the next kill is aimed
 * at a new run (another label). Every completed run's lineage, client index and cross-reference must be
 * identical to those of an uninterrupted run on the same legacy data: nothing lost, nothing duplicated, the
 * same client IDs. The child processes and the comparison are those of {@code ./run.sh benchmark reliability}
 * ({@link JobProcess}, {@link RunComparison}).
 */
class KillAndRestartIntegrationTest {

    static final long SEED = Long.getLong("clientindex.test.kill-seed", 20261126L);
    static final int KILLS = Integer.getInteger("clientindex.test.kills", 5);
    static final int CHILDREN = 1500;

    static TestEnvironment reference;
    static TestEnvironment killed;

    @TempDir
    static Path work;

    @BeforeAll
    static void sameLegacyDataTwice() {
        reference = TestDatabases.newEnvironment();
        killed = TestDatabases.newEnvironment();
        GeneratedLegacyData.generate(reference, work.resolve("ref/christchurch"), work.resolve("ref/truth.csv"),
                CHILDREN, 99);
        GeneratedLegacyData.generate(killed, work.resolve("kill/christchurch"), work.resolve("kill/truth.csv"),
                CHILDREN, 99);
        assertThat(ClientIndexApplication.run(args(reference, "ref", "migrate", "--run-date", "2026-11-26",
                "--label", "nightly"))).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    static void drop() {
        reference.close();
        killed.close();
    }

    @Test
    void aRunKilledAtRandomPointsAndRestartedEndsExactlyAsAnUninterruptedRun() throws Exception {
        Random random = new Random(SEED);
        List<String> hits = new ArrayList<>();
        List<String> completed = new ArrayList<>();
        String label = "nightly";
        boolean started = false;
        while (hits.size() < 2 * KILLS) {
            boolean sigkill = hits.size() < KILLS;
            String[] command = started ? new String[] { "restart" }
                    : new String[] { "migrate", "--run-date", "2026-11-26", "--label", label };
            long previous = lastExecutionId();
            Process child = start(command);
            started = true;
            awaitNewExecution(child, previous);
            long delayMs = random.nextInt(2000);
            if (child.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                // the run finished before this kill: check it, then aim the kill at a new run
                assertThat(child.exitValue()).as("run %s ended before its kill", label).isEqualTo(ExitCodes.OK);
                completed.add(label);
                label = "nightly-" + (completed.size() + 1);
                started = false;
                continue;
            }
            if (sigkill) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertThat(child.waitFor(150, TimeUnit.SECONDS)).as("the child ends after its signal").isTrue();
            if (rows(killed, "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                    .equals(List.of("COMPLETED"))) {
                // the signal came after the run had completed, as the process was closing: not a kill point
                completed.add(label);
                label = "nightly-" + (completed.size() + 1);
                started = false;
                continue;
            }
            hits.add((sigkill ? "SIGKILL" : "SIGTERM") + " " + delayMs + " ms into " + label + ", in " + lastStep());
        }
        if (started) {
            Process last = start("restart");
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as("the final restart completes").isEqualTo(ExitCodes.OK);
            completed.add(label);
        }
        System.out.println("Kill points: " + hits + "; runs completed: " + completed);
        assertThat(hits).filteredOn(h -> h.startsWith("SIGKILL")).hasSize(KILLS);
        assertThat(hits).filteredOn(h -> h.startsWith("SIGTERM")).hasSize(KILLS);

        RunComparison expected = new RunComparison(reference.targetAdmin(), work.resolve("ref/reports"),
                "2026-11-26-nightly");
        for (String run : completed) {
            assertThat(new RunComparison(killed.targetAdmin(), work.resolve("kill/reports"), "2026-11-26-" + run)
                    .differencesFrom(expected)).as("lineage, client index, cross-reference and staging of %s against"
                            + " the uninterrupted run", run).isEmpty();
        }
    }

    private static List<String> rows(TestEnvironment env, String sql) {
        return new JdbcTemplate(env.targetAdmin()).queryForList(sql, String.class);
    }

    /** The newest job execution in the killed environment; 0 before the schema exists. */
    private static long lastExecutionId() {
        try {
            return Long.parseLong(rows(killed, "SELECT COALESCE(MAX(job_execution_id), 0)::text FROM batch_job_execution")
                    .get(0));
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0; // Flyway has not created the tables yet
        }
    }

    /** Waits until the child has started a job execution (start-up done), or has exited. */
    private static void awaitNewExecution(Process child, long previous) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (lastExecutionId() > previous) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** The step that was running (or last ran) when the child died. */
    private static String lastStep() {
        List<String> steps = rows(killed, "SELECT step_name || ' ' || status FROM batch_step_execution"
                + " ORDER BY step_execution_id DESC LIMIT 1");
        return steps.isEmpty() ? "start-up" : steps.get(0);
    }

    private static Process start(String... command) throws IOException {
        return JobProcess.start(List.of(args(killed, "kill", command)), Path.of("target", "kill-and-restart-child.log"));
    }

    private static String[] args(TestEnvironment env, String folder, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        Map<String, Object> props = new LinkedHashMap<>(env.properties());
        props.put("clientindex.sources.christchurch.directory", work.resolve(folder + "/christchurch").toString());
        props.put("clientindex.reports.directory", work.resolve(folder + "/reports").toString());
        props.put("clientindex.chunk-size", "200");
        props.forEach((k, v) -> all.add("--" + k + "=" + v));
        return all.toArray(String[]::new);
    }
}
