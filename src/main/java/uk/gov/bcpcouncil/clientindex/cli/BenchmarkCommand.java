package uk.gov.bcpcouncil.clientindex.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.config.DataSourceConfig;
import uk.gov.bcpcouncil.clientindex.job.ClientIndexJobConfig;
import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.matching.FebrlBenchmark;
import uk.gov.bcpcouncil.clientindex.matching.LinkageScore;
import uk.gov.bcpcouncil.clientindex.matching.MatchingProperties;
import uk.gov.bcpcouncil.clientindex.matching.NameVariants;

/**
 * {@code benchmark febrl3|febrl4} scores the matcher on the FEBRL files (read straight into the matcher, no
 * database; see {@link FebrlBenchmark}); {@code benchmark generated --children N} generates legacy data
 * into embedded databases, runs the whole job and scores the run's {@code lineage.csv} against the
 * generator's ground truth, counting twin pairs merged.
 */
@Component
public class BenchmarkCommand {

    public static final Path FEBRL_FOLDER = Path.of("src", "test", "resources", "febrl");

    private final GenerateCommand generate;
    private final JobCommands jobs;
    private final ClientIndexProperties properties;
    private final JdbcTemplate jdbc;
    private final PromoteCommand promote;
    private final SignOffCommand signoff;
    private final JobRepository jobRepository;
    private final DataSource bournemouth;
    private final DataSource poole;

    public BenchmarkCommand(GenerateCommand generate, JobCommands jobs, ClientIndexProperties properties,
            JdbcTemplate jdbc, PromoteCommand promote, SignOffCommand signoff, @Lazy JobRepository jobRepository,
            @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole) {
        this.promote = promote;
        this.signoff = signoff;
        this.generate = generate;
        this.jobs = jobs;
        this.properties = properties;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.bournemouth = bournemouth;
        this.poole = poole;
    }

    /**
     * {@code benchmark scale --children N [--reuse]}: generates N children (timed apart; skipped with
     * {@code --reuse} when the data of an earlier generation is there), runs the whole job and prints each
     * step's wall time and records per second, candidate pairs, peak heap, precision against the ground
     * truth, and the time of a plain {@code COPY} of the same legacy person rows with the job's ratio to it.
     */
    public int scale(CliOptions options) throws Exception {
        int children = options.intOption("children", 100_000);
        Path truthCsv = properties.sources().christchurch().directory().resolve(GenerateCommand.TRUTH_FILE);
        double generation = -1;
        if (options.flag("reuse") && Files.exists(truthCsv)) {
            System.out.println("Reusing the legacy data generated earlier (" + truthCsv + ")");
            // earlier benchmark runs in this target are not part of this run's work: drop their staging and
            // cross-reference partitions and empty the run tables
            for (String partition : jdbc.queryForList("SELECT inhrelid::regclass::text FROM pg_inherits"
                    + " WHERE inhparent IN ('ci_stg_row'::regclass, 'ci_client_xref'::regclass)", String.class)) {
                jdbc.execute("DROP TABLE " + partition);
            }
            List<String> tables = jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND tablename LIKE 'ci\\_%'", String.class);
            if (!tables.isEmpty()) {
                jdbc.execute("TRUNCATE " + String.join(", ", tables));
            }
            jdbc.execute("VACUUM ANALYZE");
        } else {
            long started = System.nanoTime();
            int code = generate.generate(children, options.intOption("seed", 20261126));
            if (code != ExitCodes.OK) {
                return code;
            }
            generation = (System.nanoTime() - started) / 1e9;
        }
        RunParameters run = RunParameters.of(options.get("run-date"),
                options.get("label") == null ? "scale-" + System.currentTimeMillis() : options.get("label"));
        System.gc();
        int code;
        long jobStarted = System.nanoTime();
        ScaleBenchmark.HeapSampler heap = new ScaleBenchmark.HeapSampler();
        try (heap) {
            code = jobs.migrate(run);
        }
        double jobSeconds = (System.nanoTime() - jobStarted) / 1e9;
        JobExecution execution = jobRepository.getLastJobExecution(ClientIndexJobConfig.JOB_NAME, run.identifying());
        if (code != ExitCodes.OK || execution == null) {
            System.out.println("benchmark scale: the job did not complete (exit " + code + ")");
            return code == ExitCodes.OK ? ExitCodes.FAILED : code;
        }
        double[] copy = ScaleBenchmark.copyReference(bournemouth, poole, properties.sources().christchurch().directory(),
                jdbc.getDataSource(), properties.reports().directory().resolve(run.runId()));
        Score score = score(run, truthCsv);
        long persons = (long) copy[1];
        System.out.println();
        System.out.printf(Locale.ROOT, "benchmark scale: %d children, %d legacy person records, %d cores, max heap %d MB%n",
                children, persons, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%-34s %9s %12s %12s%n", "step", "wall s", "items", "items/s");
        double matching = 0;
        for (ScaleBenchmark.StepTime s : ScaleBenchmark.steps(execution)) {
            long items = Math.max(s.read(), s.written());
            System.out.printf(Locale.ROOT, "%-34s %9.1f %12d %12.0f%n", s.name(), s.seconds(), items,
                    s.seconds() > 0 ? items / s.seconds() : 0);
            if (s.name().equals("matchRecords") || s.name().equals("resolveSourceMerges")) {
                matching += s.seconds();
            }
        }
        ExecutionContext job = execution.getExecutionContext();
        long pairs = job.containsKey("match.candidatePairs") ? job.getLong("match.candidatePairs") : -1;
        System.out.printf(Locale.ROOT, "%-34s %9.1f%n", "generation (not in the job time)", generation);
        System.out.printf(Locale.ROOT, "%-34s %9.1f  (%.0f person records/s)%n", "whole job", jobSeconds, persons / jobSeconds);
        System.out.printf(Locale.ROOT, "%-34s %9.1f%n", "matching steps", matching);
        System.out.printf(Locale.ROOT, "%-34s %9.2f  (%d rows; median of %s s)%n", "COPY of the person rows", copy[0],
                persons, java.util.Arrays.stream(copy, 2, copy.length).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(java.util.stream.Collectors.joining(", ")));
        System.out.printf(Locale.ROOT, "%-34s %9.1f%n", "job time / COPY time", jobSeconds / copy[0]);
        System.out.printf(Locale.ROOT, "%-34s %9d%n", "candidate pairs", pairs);
        System.out.printf(Locale.ROOT, "%-34s %9d MB (committed %d MB)%n", "peak heap used", heap.peakBytes() >> 20,
                heap.peakCommittedBytes() >> 20);
        System.out.println(score.linkage().text());
        System.out.printf(Locale.ROOT, "clients holding twins: %d%n", score.twinMerges());
        return ExitCodes.OK;
    }

    /** The run's clusters scored against the generator's ground truth. */
    record Score(LinkageScore linkage, long twinMerges, int indexed) {
    }

    private Score score(RunParameters run, Path truthCsv) throws IOException {
        Path lineage = properties.reports().directory().resolve(run.runId()).resolve("lineage.csv");
        Map<String, String> child = new HashMap<>();
        Set<String> twins = new HashSet<>();
        for (CSVRecord r : read(truthCsv)) {
            String key = r.get("source_system") + ":" + r.get("source_record_id");
            child.put(key, r.get("true_child_id"));
            if ("TWIN".equals(r.get("kind"))) {
                twins.add(r.get("true_child_id"));
            }
        }
        Map<String, String> clusterOf = new LinkedHashMap<>();
        Map<String, Set<String>> childrenOfClient = new HashMap<>();
        for (CSVRecord r : read(lineage)) {
            if ("INDEXED".equals(r.get("outcome"))) {
                String key = r.get("source_system") + ":" + r.get("source_record_id");
                clusterOf.put(key, r.get("client_id"));
                childrenOfClient.computeIfAbsent(r.get("client_id"), k -> new HashSet<>()).add(child.get(key));
            }
        }
        long twinMerges = childrenOfClient.values().stream().filter(s -> s.size() > 1)
                .filter(s -> s.stream().filter(twins::contains).count() > 1).count();
        return new Score(LinkageScore.of(clusterOf, child), twinMerges, clusterOf.size());
    }

    /** FEBRL without Spring or a database; {@code --clientindex.matching.*=...} arguments still apply. */
    public static int febrl(String dataset, String[] args) throws IOException {
        Map<String, String> props = new HashMap<>();
        String mappings = "mappings";
        for (String a : args) {
            if (a.startsWith("--clientindex.") && a.contains("=")) {
                props.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        mappings = props.getOrDefault("clientindex.mappings.directory", mappings);
        MatchingProperties settings = new Binder(new MapConfigurationPropertySource(props))
                .bind("clientindex.matching", MatchingProperties.class).orElse(MatchingProperties.defaults());
        NameVariants variants = NameVariants.load(Path.of(mappings).resolve(NameVariants.FILE));
        FebrlBenchmark.Outcome outcome = FebrlBenchmark.run(dataset, FEBRL_FOLDER, settings, variants);
        System.out.println(outcome.text(dataset));
        return ExitCodes.OK;
    }

    public int generated(CliOptions options) throws Exception {
        long started = System.nanoTime();
        int children = options.intOption("children", 3000);
        int code = generate.generate(children, options.intOption("seed", 20261126));
        if (code != ExitCodes.OK) {
            return code;
        }
        RunParameters run = RunParameters.of(options.get("run-date"), options.get("label") == null ? "benchmark" : options.get("label"));
        code = jobs.migrate(run);
        Path truthCsv = properties.sources().christchurch().directory().resolve(GenerateCommand.TRUTH_FILE);
        if (code != ExitCodes.OK) {
            // a run that failed in matching still mapped its records: the dump lets the matcher be studied offline
            dump(options.get("dump"), run, truthCsv);
            return code;
        }
        Score scored = score(run, truthCsv);
        LinkageScore score = scored.linkage();
        long twinMerges = scored.twinMerges();
        Map<String, String> child = new HashMap<>();
        if (options.flag("verbose")) {
            for (CSVRecord r : read(truthCsv)) {
                child.put(r.get("source_system") + ":" + r.get("source_record_id"), r.get("true_child_id"));
            }
        }
        Long review = jdbc.queryForObject("SELECT COUNT(*) FROM ci_review_queue WHERE run_id = ?", Long.class, run.runId());
        Long pairs = jdbc.queryForObject("SELECT COUNT(*) FROM ci_match_pair WHERE run_id = ?", Long.class, run.runId());
        System.out.printf(Locale.ROOT, "benchmark generated: %d children, %d indexed records%n", children, scored.indexed());
        System.out.println(score.text());
        System.out.printf(Locale.ROOT, "clients holding twins: %d; review queue %d; decided pairs %d (candidate pairs in summary.json)%n",
                twinMerges, review == null ? 0 : review, pairs == null ? 0 : pairs);
        System.out.printf(Locale.ROOT, "time %.1f s (generation and the whole job)%n", (System.nanoTime() - started) / 1e9);
        dump(options.get("dump"), run, truthCsv);
        if (options.flag("verbose")) {
            jdbc.query("SELECT comparison, level, m, u, weight FROM ci_match_model WHERE run_id = ? ORDER BY comparison, level_index",
                    rs -> {
                        System.out.printf(Locale.ROOT, "  %s %s m=%.4f u=%.6f weight=%.2f%n", rs.getString(1), rs.getString(2),
                                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
                    }, run.runId());
            jdbc.query("SELECT p.left_key, p.right_key, p.decision, p.score, e.terms FROM ci_match_pair p"
                    + " JOIN ci_match_explanation e USING (run_id, left_key, right_key) WHERE p.run_id = ? ORDER BY 1, 2",
                    rs -> {
                        String a = child.get(rs.getString(1));
                        String b = child.get(rs.getString(2));
                        if (!java.util.Objects.equals(a, b) && "MATCH".equals(rs.getString(3))) {
                            System.out.println("  WRONG " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getDouble(4)
                                    + " " + rs.getString(5));
                        }
                    }, run.runId());
        }
        return ExitCodes.OK;
    }

    /** The matcher's input and the truth into {@code folder}, for studying the matcher offline (synthetic data only). */
    private void dump(String folder, RunParameters run, Path truthCsv) throws IOException {
        if (folder == null) {
            return;
        }
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        try (java.io.BufferedWriter out = Files.newBufferedWriter(dir.resolve("candidates.jsonl"), StandardCharsets.UTF_8)) {
            jdbc.setFetchSize(5000);
            jdbc.query("SELECT record::text FROM ci_mapped_record WHERE run_id = ? AND outcome = 'CANDIDATE'"
                    + " ORDER BY source_system, source_record_id", rs -> {
                        try {
                            out.write(rs.getString(1));
                            out.newLine();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, run.runId());
        }
        Files.copy(truthCsv, dir.resolve("ground-truth.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code benchmark incremental --children N --change-percent P}: generates N children into fresh embedded
     * databases, runs a full run, signs it off for the three sources and promotes it, changes P% of the records, then runs an incremental run
     * and a full run on the changed data (both against the promoted run), checks that they built the same
     * index, and prints both times and the ID events.
     */
    public int incremental(CliOptions options) throws Exception {
        int children = options.intOption("children", 3000);
        double percent = options.get("change-percent") == null ? 1.0 : options.doubleOption("change-percent");
        int seed = options.intOption("seed", 20261126);
        int code = generate.generate(children, seed);
        if (code != ExitCodes.OK) {
            return code;
        }
        String date = options.get("run-date") == null ? "2026-11-26" : options.get("run-date");
        RunParameters first = RunParameters.of(date, "bench-full-before");
        long t0 = System.nanoTime();
        code = jobs.migrate(first);
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        if (code != ExitCodes.OK) {
            return code;
        }
        String sha = uk.gov.bcpcouncil.clientindex.signoff.ReportHash.of(properties.reports().directory()
                .resolve(first.runId()).resolve("report.html"));
        for (String source : java.util.List.of("BOURNEMOUTH", "POOLE", "CHRISTCHURCH")) {
            code = signoff.signoff(first.runId(), source, "benchmark", sha);
            if (code != ExitCodes.OK) {
                return code;
            }
        }
        code = promote.promote(first.runId(), "benchmark");
        if (code != ExitCodes.OK) {
            return code;
        }
        code = generate.mutate(percent, seed + 1);
        if (code != ExitCodes.OK) {
            return code;
        }
        RunParameters incremental = RunParameters.of(date, "bench-incremental");
        long t1 = System.nanoTime();
        code = jobs.migrate(incremental, true);
        double incrementalSeconds = (System.nanoTime() - t1) / 1e9;
        if (code != ExitCodes.OK) {
            return code;
        }
        RunParameters full = RunParameters.of(date, "bench-full-after");
        long t2 = System.nanoTime();
        code = jobs.migrate(full);
        double fullSeconds = (System.nanoTime() - t2) / 1e9;
        if (code != ExitCodes.OK) {
            return code;
        }
        java.util.List<String> diffs = uk.gov.bcpcouncil.clientindex.load.IndexComparison.differences(jdbc,
                incremental.runId(), full.runId(), 20);
        Long clients = jdbc.queryForObject("SELECT COUNT(*) FROM ci_client WHERE run_id = ?", Long.class, full.runId());
        String reRead = jdbc.queryForList("SELECT source_system || ' ' || COUNT(*) FILTER (WHERE changed) || ' of '"
                + " || COUNT(*) FROM ci_incremental_key WHERE run_id = ? GROUP BY source_system ORDER BY 1", String.class,
                incremental.runId()).toString();
        System.out.printf(Locale.ROOT, "benchmark incremental: %d children, %.2f%% of records changed, %d clients%n",
                children, percent, clients);
        System.out.printf(Locale.ROOT, "  full run before the changes: %.1f s%n", firstSeconds);
        System.out.printf(Locale.ROOT, "  incremental run:             %.1f s (re-read %s; Christchurch whole)%n",
                incrementalSeconds, reRead);
        System.out.printf(Locale.ROOT, "  full run on the changed data: %.1f s%n", fullSeconds);
        JobExecution incrementalRun = jobRepository.getLastJobExecution(ClientIndexJobConfig.JOB_NAME,
                incremental.identifying());
        JobExecution fullRun = jobRepository.getLastJobExecution(ClientIndexJobConfig.JOB_NAME, full.identifying());
        if (incrementalRun != null && fullRun != null) {
            stepTimes(incrementalRun, fullRun);
            ExecutionContext ctx = incrementalRun.getExecutionContext();
            System.out.printf(Locale.ROOT, "  incremental matching: levels of %d candidate pairs compared, %d taken from"
                    + " the base run%n", ctx.getLong(uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.LEVELS_COMPUTED_KEY, 0L),
                    ctx.getLong(uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.LEVELS_REUSED_KEY, 0L));
        }
        System.out.println("  ID events, incremental run: " + uk.gov.bcpcouncil.clientindex.load.IndexComparison
                .eventCounts(jdbc, incremental.runId()));
        System.out.println("  ID events, full run:        " + uk.gov.bcpcouncil.clientindex.load.IndexComparison
                .eventCounts(jdbc, full.runId()));
        if (!diffs.isEmpty()) {
            System.out.println("  DISAGREE: the incremental and the full run built different indexes:");
            diffs.forEach(d -> System.out.println("    " + d));
            return ExitCodes.FAILED;
        }
        System.out.println("  AGREE: same clusters, golden values and client IDs, same ID event counts");
        return ExitCodes.OK;
    }

    /** Each step's wall time in the incremental run beside the full run's, in the order the steps ran. */
    private static void stepTimes(JobExecution incremental, JobExecution full) {
        java.util.Map<String, Double> fullSeconds = new java.util.HashMap<>();
        ScaleBenchmark.steps(full).forEach(s -> fullSeconds.merge(s.name(), s.seconds(), Double::sum));
        System.out.printf(Locale.ROOT, "  %-34s %14s %14s%n", "step", "incremental s", "full s");
        double[] totals = new double[2];
        for (ScaleBenchmark.StepTime s : ScaleBenchmark.steps(incremental)) {
            if (s.name().contains(":")) {
                continue; // a partition's time is inside its manager step's
            }
            double f = fullSeconds.getOrDefault(s.name(), 0.0);
            System.out.printf(Locale.ROOT, "  %-34s %14.1f %14.1f%n", s.name(), s.seconds(), f);
            totals[0] += s.seconds();
            totals[1] += f;
        }
        System.out.printf(Locale.ROOT, "  %-34s %14.1f %14.1f%n", "all steps", totals[0], totals[1]);
    }

    private static java.util.List<CSVRecord> read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
