package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
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
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Restart from checkpoints, proven by killing the job: the packaged application runs as a child process
 * on generated data and is killed at seeded random moments (SIGKILL, then SIGTERM), restarted each time,
 * until it completes. Its lineage, client index and cross-reference must then be identical to those of an
 * uninterrupted run on the same legacy data: nothing lost, nothing duplicated, the same client IDs.
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
        boolean started = false;
        int completedAt = -1;
        for (int kill = 0; kill < 2 * KILLS && completedAt < 0; kill++) {
            boolean sigkill = kill < KILLS;
            String[] command = started ? new String[] { "restart" }
                    : new String[] { "migrate", "--run-date", "2026-11-26", "--label", "nightly" };
            long previous = lastExecutionId();
            Process child = start(command);
            started = true;
            awaitNewExecution(child, previous);
            long delayMs = random.nextInt(2500);
            if (child.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                System.out.println("Hits so far: " + hits);
                rows(killed, "SELECT s.step_execution_id || ' ' || s.step_name || ' ' || s.status || ' read='"
                        + " || s.read_count || ' write=' || s.write_count || ' commits=' || s.commit_count || ' '"
                        + " || encode(decode(c.short_context, 'base64'), 'escape') FROM batch_step_execution s"
                        + " JOIN batch_step_execution_context c USING (step_execution_id)"
                        + " WHERE s.step_name IN ('mapRecords', 'extractPoolePersons') ORDER BY 1")
                        .forEach(r -> System.out.println("STEP " + r.replaceAll("[^\\x20-\\x7e]", ".")));
                assertThat(child.exitValue()).as("a run that ended before its kill").isEqualTo(ExitCodes.OK);
                completedAt = kill;
                break;
            }
            if (sigkill) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertThat(child.waitFor(150, TimeUnit.SECONDS)).as("the child ends after its signal").isTrue();
            hits.add((sigkill ? "SIGKILL" : "SIGTERM") + " " + delayMs + " ms into the run, in " + lastStep());
        }
        if (completedAt < 0) {
            Process last = start("restart");
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as("the final restart completes").isEqualTo(ExitCodes.OK);
        }
        System.out.println("Kill points: " + hits);
        assertThat(hits).as("kills that landed").hasSizeGreaterThanOrEqualTo(KILLS);
        assertThat(hits).as("at least one SIGKILL landed").anyMatch(h -> h.startsWith("SIGKILL"));

        List<String> expected = Files.readAllLines(work.resolve("ref/reports/2026-11-26-nightly/lineage.csv"));
        List<String> actual = Files.readAllLines(work.resolve("kill/reports/2026-11-26-nightly/lineage.csv"));
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && differences.size() < 20; i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                differences.add("line " + (i + 1) + ": expected " + e + " but was " + a);
            }
        }
        assertThat(differences).as("lineage differences from the uninterrupted run").isEmpty();
        assertThat(actual).hasSameSizeAs(expected);
        String index = "SELECT client_id || '|' || cluster_key || '|' || member_count || '|' || coalesce(given_name, '')"
                + " || '|' || coalesce(nhs_number, '') FROM ci_client WHERE run_id = '2026-11-26-nightly' ORDER BY 1";
        assertThat(rows(killed, index)).isEqualTo(rows(reference, index)).isNotEmpty();
        String xref = "SELECT source_system || ':' || source_record_id || '=' || client_id FROM ci_client_xref"
                + " WHERE run_id = '2026-11-26-nightly' ORDER BY 1";
        assertThat(rows(killed, xref)).isEqualTo(rows(reference, xref));
        assertThat(rows(killed, "SELECT COUNT(*) || '/' || COUNT(DISTINCT (source_system, entity, row_id))"
                + " FROM ci_stg_row")).isEqualTo(rows(reference, "SELECT COUNT(*) || '/' || COUNT(DISTINCT"
                        + " (source_system, entity, row_id)) FROM ci_stg_row"));
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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ClientIndexApplication.class.getName()));
        cmd.addAll(List.of(args(killed, "kill", command)));
        File log = Path.of("target", "kill-and-restart-child.log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
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
