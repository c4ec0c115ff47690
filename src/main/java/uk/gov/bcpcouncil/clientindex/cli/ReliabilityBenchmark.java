package uk.gov.bcpcouncil.clientindex.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import uk.gov.bcpcouncil.clientindex.generate.GeneratorSettings;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataGenerator;
import uk.gov.bcpcouncil.clientindex.infra.EmbeddedServers;
import uk.gov.bcpcouncil.clientindex.reconcile.RunComparison;

/**
 * {@code benchmark reliability [--points N] [--seed S] [--children C]}: restart from checkpoints, proven by
 * killing the packaged job. Generates legacy data into embedded databases, runs the job once uninterrupted
 * (the reference), then for each of N points (default 30) starts a new run as a child process, waits until
 * a chosen step is running (the steps taken in turn, so 15 points aim at every step and 30 give each step both
 * signals),
 * waits a seeded random moment more, kills the process with SIGKILL or SIGTERM (alternately), restarts it
 * ({@code run.sh restart}) until it completes, and compares the completed run's lineage, client index,
 * cross-reference and staging with the reference ({@link RunComparison}). Prints one line per point and a
 * summary; exit 0 when every run ended identical to the reference, 1 otherwise. Not thread-safe.
 */
public final class ReliabilityBenchmark {

    /** The job's steps in order: the kill points are aimed at each in turn. */
    public static final List<String> STEPS = List.of("verifyChristchurchDelivery", "extractBournemouthClients",
            "extractBournemouthAddresses", "extractBournemouthInvolvements", "extractPoolePersons",
            "extractPooleAliases", "extractPooleAddresses", "extractPooleEpisodes", "extractChristchurchClients",
            "extractChristchurchInvolvements", "mapRecords", "resolveSourceMerges", "matchRecords",
            "buildClientIndex", "reconcile");

    static final String RUN_DATE = "2026-11-26";
    private static final int MAX_RESTARTS = 5;
    private static final int MAX_EXTRA_DELAY_MS = 250;

    /** One kill point and what came of it. */
    public record Point(int number, String signal, String aimedAt, long delayMs, String stepHit, int restarts,
            boolean completed, List<String> differences) {

        public boolean identical() {
            return completed && differences.isEmpty();
        }

        String line() {
            return String.format(Locale.ROOT, "%3d  %-7s  %-32s  %5d  %-44s  %8d  %s", number, signal, aimedAt, delayMs,
                    stepHit, restarts, !completed ? "DID NOT COMPLETE" : identical() ? "identical"
                            : differences.size() + " differences: " + differences.get(0));
        }
    }

    private final Path folder;
    private final Map<String, Object> properties;
    private final DataSource killedTarget;
    private final Random random;

    private ReliabilityBenchmark(Path folder, Map<String, Object> properties, DataSource killedTarget, long seed) {
        this.folder = folder;
        this.properties = properties;
        this.killedTarget = killedTarget;
        this.random = new Random(seed);
    }

    /** The command: embedded servers in {@code folder} (emptied by the caller), then the points. */
    public static int run(CliOptions options, Path folder) throws Exception {
        int points = options.intOption("points", 30);
        long seed = options.intOption("seed", 20261126);
        int children = options.intOption("children", 1000);
        long started = System.nanoTime();
        System.out.println("Reliability benchmark: " + points + " kill points, seed " + seed + ", " + children
                + " children; embedded PostgreSQL and MariaDB in " + folder.toAbsolutePath());
        try (EmbeddedServers servers = EmbeddedServers.start(folder)) {
            Path christchurch = Files.createDirectories(folder.resolve("christchurch"));
            new LegacyDataGenerator().generate(GeneratorSettings.defaults(children, seed),
                    new SingleConnectionDataSource(servers.mariadbUrl(EmbeddedServers.BOURNEMOUTH_DB), "root", "", true),
                    new SingleConnectionDataSource(servers.postgresUrl(EmbeddedServers.POOLE_DB), "postgres", "", true),
                    christchurch, folder.resolve("ground-truth.csv"));
            servers.createPostgresDatabase("reference");
            servers.createPostgresDatabase("killed");
            Map<String, Object> base = new LinkedHashMap<>(servers.properties());
            base.put("clientindex.chunk-size", "100");

            Map<String, Object> ref = new LinkedHashMap<>(base);
            ref.put("clientindex.target.url", servers.postgresUrl("reference"));
            ref.put("clientindex.reports.directory", folder.resolve("reports-reference").toString());
            long refStart = System.nanoTime();
            Process reference = JobProcess.start(args(ref, "migrate", "--run-date", RUN_DATE, "--label", "reference"),
                    folder.resolve("reference.log"));
            if (!reference.waitFor(15, TimeUnit.MINUTES) || reference.exitValue() != ExitCodes.OK) {
                System.err.println("The uninterrupted reference run did not complete; see " + folder.resolve("reference.log"));
                reference.destroyForcibly();
                return ExitCodes.FAILED;
            }
            System.out.printf(Locale.ROOT, "Reference run (uninterrupted, child JVM): %.1f s%n",
                    (System.nanoTime() - refStart) / 1e9);
            RunComparison expected = new RunComparison(
                    new SingleConnectionDataSource(servers.postgresUrl("reference"), "postgres", "", true),
                    folder.resolve("reports-reference"), RUN_DATE + "-reference");

            Map<String, Object> killed = new LinkedHashMap<>(base);
            killed.put("clientindex.target.url", servers.postgresUrl("killed"));
            killed.put("clientindex.reports.directory", folder.resolve("reports").toString());
            SingleConnectionDataSource killedDs = new SingleConnectionDataSource(servers.postgresUrl("killed"),
                    "postgres", "", true);
            ReliabilityBenchmark benchmark = new ReliabilityBenchmark(folder, killed, killedDs, seed);
            System.out.println("  #  signal   aimed at                          delay  step hit (status at death)"
                    + "                    restarts  result");
            List<Point> results = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                String signal = i % 2 == 0 ? "SIGKILL" : "SIGTERM";
                String step = STEPS.get(i % STEPS.size());
                Point p = benchmark.point(i + 1, signal, step, expected);
                System.out.println(p.line());
                results.add(p);
            }
            return summary(results, started);
        }
    }

    static int summary(List<Point> results, long started) {
        long identical = results.stream().filter(Point::identical).count();
        Set<String> hit = new LinkedHashSet<>();
        results.forEach(p -> hit.add(p.stepHit().split(" ")[0]));
        System.out.printf(Locale.ROOT, "Summary: %d kill points (%d SIGKILL, %d SIGTERM), %d restarts in all;"
                + " %d of %d runs identical to the uninterrupted run; steps hit: %d of %d (%s); %.0f s in all%n",
                results.size(), results.stream().filter(p -> p.signal().equals("SIGKILL")).count(),
                results.stream().filter(p -> p.signal().equals("SIGTERM")).count(),
                results.stream().mapToInt(Point::restarts).sum(), identical, results.size(),
                hit.stream().filter(STEPS::contains).count(), STEPS.size(), String.join(", ", hit),
                (System.nanoTime() - started) / 1e9);
        return identical == results.size() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** One point: a new run killed while {@code step} runs, restarted until it completes, compared. */
    Point point(int number, String signal, String step, RunComparison expected) throws Exception {
        String label = "p" + number;
        long previous = lastExecutionId();
        Process child = JobProcess.start(args(properties, "migrate", "--run-date", RUN_DATE, "--label", label),
                folder.resolve("killed.log"));
        boolean reached = awaitStep(child, previous, step);
        long delay = random.nextInt(MAX_EXTRA_DELAY_MS);
        String hit;
        if (!reached || child.waitFor(delay, TimeUnit.MILLISECONDS)) {
            hit = "none: the run ended before the kill";
            child.waitFor(10, TimeUnit.MINUTES);
        } else {
            if (signal.equals("SIGKILL")) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            child.waitFor(5, TimeUnit.MINUTES);
            hit = newestStep(previous);
        }
        int restarts = 0;
        while (!lastStatus().equals("COMPLETED") && restarts < MAX_RESTARTS) {
            Process restart = JobProcess.start(args(properties, "restart"), folder.resolve("killed.log"));
            if (!restart.waitFor(15, TimeUnit.MINUTES)) {
                restart.destroyForcibly();
            }
            restarts++;
        }
        boolean completed = lastStatus().equals("COMPLETED");
        List<String> differences = completed
                ? new RunComparison(killedTarget, folder.resolve("reports"), RUN_DATE + "-" + label)
                        .differencesFrom(expected)
                : List.of();
        return new Point(number, signal, step, delay, hit, restarts, completed, differences);
    }

    /** Waits until the run started after {@code previous} is in {@code step} (or a later one), or has ended. */
    private boolean awaitStep(Process child, long previous, String step) throws InterruptedException {
        int target = STEPS.indexOf(step);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (child.isAlive() && System.nanoTime() < deadline) {
            String newest = newestStep(previous);
            int at = STEPS.indexOf(newest.split(" ")[0]);
            if (at >= target) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private String newestStep(long previous) {
        try {
            List<String> steps = new JdbcTemplate(killedTarget).queryForList("SELECT step_name || ' ' || status"
                    + " FROM batch_step_execution WHERE job_execution_id > ? ORDER BY step_execution_id DESC LIMIT 1",
                    String.class, previous);
            return steps.isEmpty() ? "start-up" : steps.get(0);
        } catch (BadSqlGrammarException e) {
            return "start-up";
        }
    }

    private long lastExecutionId() {
        try {
            return new JdbcTemplate(killedTarget).queryForObject(
                    "SELECT COALESCE(MAX(job_execution_id), 0) FROM batch_job_execution", Long.class);
        } catch (BadSqlGrammarException e) {
            return 0;
        }
    }

    private String lastStatus() {
        try {
            List<String> s = new JdbcTemplate(killedTarget).queryForList(
                    "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1", String.class);
            return s.isEmpty() ? "NONE" : s.get(0);
        } catch (BadSqlGrammarException e) {
            return "NONE";
        }
    }

    static List<String> args(Map<String, Object> properties, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        properties.forEach((k, v) -> all.add("--" + k + "=" + v));
        return all;
    }
}
