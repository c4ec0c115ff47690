package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.VerifyChristchurchDeliveryTasklet;
import uk.gov.bcpcouncil.clientindex.infra.PgSettings;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffCriteria;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffProperties;

/**
 * Reconcile and report: writes {@code <reports>/<run-id>/lineage.csv}, {@code summary.json},
 * {@code exceptions.csv}, {@code review-queue.csv} and {@code report.html} (owner-only permissions; the
 * report last, and it is never changed afterwards: sign-offs go to {@code signoff.json} beside it), and the control totals into {@code ci_control_total}.
 * The count of each source is queried from the source itself, independently of what the job read.
 * Sets the step's exit code to {@value #UNBALANCED} when any identity fails (the command exits 3).
 * <p>Idempotent: files are written to temporary names and moved into place, rows are replaced; a rerun
 * after a failure rewrites the same content. Its writes (the control totals) run in one transaction.
 * <p>Restart keys: none in the step context; it records whether the totals balance in the job context
 * ({@value #BALANCED_KEY}), overwritten by a rerun. Thread safety: one instance per step execution
 * ({@code @StepScope}), run by one thread; it keeps no state between calls. {@code lineage.csv},
 * {@code diff-from-live.csv}, {@code exceptions.csv}, {@code review-queue.csv} and the summary's sample clusters
 * only read rows earlier steps committed: they are written or read by one background thread ({@link ParallelReads},
 * read-only transactions on a second connection), started and stopped within the call, while the step's thread runs
 * the summary's other queries; sorts and hashes get 256 MB of work_mem on both connections.
 */
public class ReconcileTasklet implements Tasklet {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReconcileTasklet.class);

    public static final String UNBALANCED = "COMPLETED_UNBALANCED";
    public static final String BALANCED_KEY = "reconcile.balanced";

    private final JdbcTemplate jdbc;
    private final String runId;
    private final Path reportsDirectory;
    private final Mappings mappings;
    private final Map<SourceSystem, Supplier<Long>> sourceCounts;
    private Map<String, String> matcherSettings = Map.of();
    private SignOffProperties signOff = new SignOffProperties(null, null);

    public ReconcileTasklet(JdbcTemplate jdbc, String runId, Path reportsDirectory, Mappings mappings,
            Map<SourceSystem, Supplier<Long>> sourceCounts) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.reportsDirectory = reportsDirectory;
        this.mappings = mappings;
        this.sourceCounts = sourceCounts;
    }

    /** The matcher's settings for the run header, and the sign-off criteria agreed in advance. */
    public ReconcileTasklet withReportSettings(Map<String, String> matcherSettings, SignOffProperties signOff) {
        this.matcherSettings = Map.copyOf(matcherSettings);
        this.signOff = signOff;
        return this;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        JobExecution jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        Path dir = ReportFiles.runDirectory(reportsDirectory, runId);
        jdbc.execute(PgSettings.LARGE_WORK_MEM);
        jdbc.execute(PgSettings.NO_PARALLEL_WORKERS);
        ExecutionContext jobContext = jobExecution.getExecutionContext();
        // the basis the index step used (the live index could change while the run goes on)
        String basisRun = jobContext.getString(uk.gov.bcpcouncil.clientindex.load.BuildClientIndexTasklet.BASIS_KEY, "");
        String basis = basisRun.isEmpty() ? null : basisRun;
        Path lineageTmp = dir.resolve("lineage.csv.tmp");
        Path diffTmp = dir.resolve("diff-from-live.csv.tmp");
        Path summaryTmp = dir.resolve("summary.json.tmp");
        Path htmlTmp = dir.resolve("report.html.tmp");
        Path exceptionsTmp = dir.resolve("exceptions.csv.tmp");
        Path reviewTmp = dir.resolve("review-queue.csv.tmp");
        boolean balanced;
        try (ParallelReads background = new ParallelReads(jdbc.getDataSource(), "reconcile-" + runId.hashCode())) {
            // the files that only read the run's committed rows are written beside the step's thread
            Future<LineageWriter.Counts> lineage = background.submit("lineage",
                    j -> new LineageWriter(j).write(runId, lineageTmp));
            // the summary's sample clusters, which it asks for after its own queries
            Future<List<RunSummary.SampleCluster>> samples = background.submit("samples",
                    j -> new SummaryQueries(j, runId).samples());
            Future<Map<String, Long>> diff = background.submit("diff",
                    j -> new IndexDiff(j).write(runId, basis, diffTmp));
            // after the lineage on the same thread, whose join found the records not accounted for
            Future<Void> exceptions = background.submit("exceptions", j -> {
                new ExceptionsCsvWriter(j).write(runId, ParallelReads.await(lineage).notAccountedFor, exceptionsTmp);
                return null;
            });
            Future<Void> review = background.submit("review queue", j -> {
                new ReviewQueueCsvWriter(j).write(runId, reviewTmp);
                return null;
            });

            Map<String, Long> read = new TreeMap<>();
            jdbc.query("SELECT source_system, COUNT(*) FROM ci_stg_row WHERE run_id = ? AND entity = 'PERSON'"
                    + " GROUP BY source_system", rs -> {
                        read.put(rs.getString(1), rs.getLong(2));
                    }, runId);
            // the control totals, once lineage.csv is written: asked for by the summary after its own queries
            Supplier<SummaryQueries.Balance> balance = () -> {
                LineageWriter.Counts counts = ParallelReads.awaitUnchecked(lineage);
                List<SourceTotals> totals = new ArrayList<>();
                jdbc.update("DELETE FROM ci_control_total WHERE run_id = ?", runId);
                for (SourceSystem source : SourceSystem.values()) {
                    long[] c = counts.bySource.getOrDefault(source.name(), new long[3]);
                    SourceTotals t = new SourceTotals(source.name(), sourceCounts.get(source).get(),
                            read.getOrDefault(source.name(), 0L), c[0], c[1], c[2],
                            counts.rejectedReasons.getOrDefault(source.name(), Map.of()),
                            counts.excludedReasons.getOrDefault(source.name(), Map.of()));
                    totals.add(t);
                    jdbc.update("INSERT INTO ci_control_total (run_id, source_system, source_count, read_count, indexed,"
                            + " rejected, excluded, balanced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", runId, t.source(),
                            t.sourceCount(), t.read(), t.indexed(), t.rejected(), t.excluded(), t.balanced());
                }
                return new SummaryQueries.Balance(totals,
                        counts.anomalies == 0 && totals.stream().allMatch(SourceTotals::balanced));
            };
            long started = System.nanoTime();
            RunSummary summary;
            try {
                summary = new SummaryQueries(jdbc, runId).summary(jobExecution,
                        () -> ParallelReads.awaitUnchecked(samples), balance, codeTableVersions(),
                        christchurch(jobContext), OffsetDateTime.now(ZoneId.of("Europe/London")).withNano(0).toString(),
                        new TreeMap<>(matcherSettings));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            long summarised = System.nanoTime();
            balanced = summary.balanced();
            summary = summary.withSignOff(SignOffCriteria.evaluate(summary, signOff));
            Map<String, Object> index = index(jobContext, basis, ParallelReads.await(diff));
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            tools.jackson.databind.node.ObjectNode summaryJson = mapper.valueToTree(summary);
            summaryJson.set("index", mapper.valueToTree(index));
            Files.writeString(summaryTmp, mapper.writeValueAsString(summaryJson), StandardCharsets.UTF_8);
            Files.writeString(htmlTmp, new HtmlReportWriter().render(summary, new ExplainedPairsSection(jdbc).html(runId),
                    new IdEventsSection(jdbc).html(runId, basis, Boolean.TRUE.equals(index.get("basisIsLive")))),
                    StandardCharsets.UTF_8);
            long rendered = System.nanoTime();
            ParallelReads.await(exceptions);
            ParallelReads.await(review);
            LOG.info("reconcile phases: summary {} ms (the step's queries, then waiting for the samples and the control"
                    + " totals), report {} ms, then waiting for the background {} ms; background pieces {}",
                    (summarised - started) / 1_000_000, (rendered - summarised) / 1_000_000,
                    (System.nanoTime() - rendered) / 1_000_000, background.took());
        }
        for (Path tmp : List.of(lineageTmp, diffTmp, summaryTmp, exceptionsTmp, reviewTmp, htmlTmp)) {
            ReportFiles.ownerOnly(tmp);
            String name = tmp.getFileName().toString();
            Files.move(tmp, dir.resolve(name.substring(0, name.length() - 4)), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        jobExecution.getExecutionContext().put(BALANCED_KEY, balanced);
        contribution.incrementReadCount();
        if (!balanced) {
            contribution.setExitStatus(new org.springframework.batch.core.ExitStatus(UNBALANCED,
                    "control totals do not balance"));
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * The run's index against its basis for {@code summary.json}: the basis run and whether it is live, the
     * difference ({@link IndexDiff}, also written to {@code diff-from-live.csv}), the client ID events, and
     * for an incremental run its base run and the records re-read per source.
     */
    private Map<String, Object> index(ExecutionContext job, String basis, Map<String, Long> difference) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("basisRun", basis);
        index.put("basisIsLive", uk.gov.bcpcouncil.clientindex.load.IndexBasis.isLive(jdbc, basis));
        index.put("differenceFromBasis", difference);
        index.put("idEvents", uk.gov.bcpcouncil.clientindex.load.IndexComparison.eventCounts(jdbc, runId));
        String base = job.getString(uk.gov.bcpcouncil.clientindex.extract.Incremental.BASE_KEY, "");
        Map<String, Object> mode = new LinkedHashMap<>();
        mode.put("mode", base.isEmpty() ? "FULL" : "INCREMENTAL");
        mode.put("baseRun", base.isEmpty() ? null : base);
        mode.put("reReadBySource", job.get(uk.gov.bcpcouncil.clientindex.extract.CarryOverTasklet.CHANGED_KEY));
        mode.put("carriedOverRecords", job.containsKey(uk.gov.bcpcouncil.clientindex.extract.CarryOverTasklet.CARRIED_KEY)
                ? job.getLong(uk.gov.bcpcouncil.clientindex.extract.CarryOverTasklet.CARRIED_KEY) : 0L);
        // incremental matching: candidate pairs whose comparison levels were computed, or taken from the base run
        Map<String, Long> levels = new LinkedHashMap<>();
        levels.put("computed", job.getLong(uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.LEVELS_COMPUTED_KEY, 0L));
        levels.put("reusedFromBase", job.getLong(uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.LEVELS_REUSED_KEY, 0L));
        mode.put("candidatePairLevels", levels);
        mode.put("candidateRecordsFromBase", job.getLong(
                uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.RECORDS_FROM_BASE_KEY, 0L));
        index.put("run", mode);
        return index;
    }

    private Map<String, String> codeTableVersions() {
        Map<String, String> v = new TreeMap<>();
        mappings.codeTables().forEach((name, table) -> v.put(name, table.version()));
        return v;
    }

    private static Map<String, String> christchurch(ExecutionContext job) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("delivery", job.getString(VerifyChristchurchDeliveryTasklet.DELIVERY, ""));
        m.put("clients file", Path.of(job.getString(VerifyChristchurchDeliveryTasklet.CLIENTS_FILE, "-")).getFileName().toString());
        m.put("clients file SHA-256", job.getString(VerifyChristchurchDeliveryTasklet.CLIENTS_SHA, ""));
        m.put("involvements file", Path.of(job.getString(VerifyChristchurchDeliveryTasklet.INVOLVEMENTS_FILE, "-"))
                .getFileName().toString());
        m.put("involvements file SHA-256", job.getString(VerifyChristchurchDeliveryTasklet.INVOLVEMENTS_SHA, ""));
        return m;
    }
}
