package uk.gov.bcpcouncil.clientindex.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.load.IndexBasis;

/**
 * Records each database source's watermark for this run ({@code ci_source_watermark}) and, for an
 * incremental run, decides what to read: the base run is the last completed run, which must have been
 * mapped with the same mappings and have recorded watermarks (else the run falls back to a full read, and
 * says so). Each source is read from its base watermark minus the overlap window.
 * <p>Watermarks are the newest change timestamp in the source itself (Bournemouth {@code MAX(updated_on)},
 * a DATETIME without zone in the legacy system's local time, Europe/London; Poole
 * {@code MAX(last_modified)}, a TIMESTAMPTZ), read before any row, so the job's own clock and zone never
 * matter. The overlap window (default 15 minutes) re-reads rows committed late with an older timestamp;
 * for Bournemouth it is widened by one hour when the clocks went back between the base watermark and now,
 * since local times repeat that night. Re-reading a row is harmless: each run stages its own copy of what it reads.
 * <p>Idempotent: replaces this run's watermark rows and the job ExecutionContext keys; runs in one
 * transaction. The decision is kept in the job ExecutionContext, so a restart uses the same one. Not
 * thread-safe: one instance per step execution.
 */
public class RecordWatermarksTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RecordWatermarksTasklet.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final DataSource bournemouth;
    private final DataSource poole;
    private final Duration overlap;

    public RecordWatermarksTasklet(JdbcTemplate jdbc, String runId, DataSource bournemouth, DataSource poole,
            Duration overlap) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.bournemouth = bournemouth;
        this.poole = poole;
        this.overlap = overlap;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        boolean wanted = Incremental.INCREMENTAL.equals(parameters.getString(Incremental.MODE_PARAMETER));
        String checksum = parameters.getString("mappings.checksum");
        LocalDateTime bWatermark = new JdbcTemplate(bournemouth).queryForObject("SELECT MAX(updated_on) FROM client",
                LocalDateTime.class);
        OffsetDateTime pWatermark = new JdbcTemplate(poole).queryForObject("SELECT MAX(last_modified) FROM poole.person",
                OffsetDateTime.class);
        Map<SourceSystem, String> watermarks = new java.util.EnumMap<>(SourceSystem.class);
        watermarks.put(SourceSystem.BOURNEMOUTH, bWatermark == null ? null : LOCAL.format(bWatermark));
        watermarks.put(SourceSystem.POOLE, pWatermark == null ? null : pWatermark.toInstant().toString());

        String base = wanted ? IndexBasis.lastCompleted(jdbc, runId) : null;
        String refusal = null;
        Map<SourceSystem, String> baseMarks = new java.util.EnumMap<>(SourceSystem.class);
        if (wanted && base == null) {
            refusal = "no completed run to start from";
        } else if (wanted) {
            String baseChecksum = jdbc.queryForObject("SELECT mapping_checksum FROM ci_run WHERE run_id = ?",
                    String.class, base);
            jdbc.query("SELECT source_system, watermark FROM ci_source_watermark WHERE run_id = ?", rs -> {
                baseMarks.put(SourceSystem.valueOf(rs.getString(1)), rs.getString(2));
            }, base);
            if (!Objects.equals(baseChecksum, checksum)) {
                refusal = "the mappings changed since run " + base;
            } else if (!baseMarks.containsKey(SourceSystem.BOURNEMOUTH) || !baseMarks.containsKey(SourceSystem.POOLE)) {
                refusal = "run " + base + " recorded no watermarks";
            }
        }
        boolean incremental = wanted && refusal == null;
        if (wanted && !incremental) {
            log.warn("Incremental run refused ({}): reading every record (a full run)", refusal);
        }
        jdbc.update("DELETE FROM ci_source_watermark WHERE run_id = ?", runId);
        job.putString(Incremental.BASE_KEY, incremental ? base : "");
        for (SourceSystem source : List.of(SourceSystem.BOURNEMOUTH, SourceSystem.POOLE)) {
            String since = incremental ? since(source, baseMarks.get(source)) : null;
            job.putString(Incremental.SINCE_KEY + source.name(), since == null ? "" : since);
            jdbc.update("INSERT INTO ci_source_watermark (run_id, source_system, mode, base_run_id, watermark, read_since)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", runId, source.name(), incremental ? "INCREMENTAL" : "FULL",
                    incremental ? base : null, watermarks.get(source), since);
        }
        jdbc.update("INSERT INTO ci_source_watermark (run_id, source_system, mode, base_run_id, watermark, read_since)"
                + " VALUES (?, 'CHRISTCHURCH', ?, ?, ?, NULL)", runId, incremental ? "INCREMENTAL" : "FULL",
                incremental ? base : null, job.getString(VerifyChristchurchDeliveryTasklet.DELIVERY, ""));
        if (incremental) {
            log.info("Incremental run from base run {}: Bournemouth rows changed since {}, Poole since {};"
                    + " the whole Christchurch delivery (a full snapshot)", base,
                    job.getString(Incremental.SINCE_KEY + "BOURNEMOUTH"), job.getString(Incremental.SINCE_KEY + "POOLE"));
        }
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }

    /** The lower bound to read a source from: its base watermark minus the overlap ("" reads everything). */
    String since(SourceSystem source, String baseWatermark) {
        if (baseWatermark == null) {
            return "";
        }
        if (source == SourceSystem.BOURNEMOUTH) {
            LocalDateTime mark = LocalDateTime.parse(baseWatermark);
            return LOCAL.format(mark.minus(overlap).minus(clocksWentBack(mark) ? Duration.ofHours(1) : Duration.ZERO));
        }
        return Instant.parse(baseWatermark).minus(overlap).atOffset(ZoneOffset.UTC).toString();
    }

    /** Whether Europe/London's clocks went back (local times repeated) between a local time and now. */
    static boolean clocksWentBack(LocalDateTime since) {
        java.time.zone.ZoneOffsetTransition next = LONDON.getRules()
                .nextTransition(since.minusHours(2).atZone(LONDON).toInstant());
        return next != null && next.isOverlap() && next.getInstant().isBefore(Instant.now());
    }
}
