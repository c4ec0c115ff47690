package uk.gov.bcpcouncil.clientindex.ops;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The content of {@code status.json}: what a monitoring system needs to know about a run, and nothing
 * about any child. Times are ISO-8601 with the offset; null fields are written as {@code null}.
 * Immutable and thread-safe.
 *
 * @param runId             {@code <run-date>-<label>}
 * @param state             RUNNING, COMPLETED, COMPLETED_UNBALANCED, FAILED, STOPPED or PREFLIGHT_FAILED
 * @param jobExecutionId    the attempt (each restart is a new one); null when no attempt started
 * @param startedAt         when this attempt started
 * @param updatedAt         when this file was last written (a RUNNING file that stops changing means a dead
 *                          process)
 * @param endedAt           when this attempt ended, null while running
 * @param exitCode          the exit code of {@code run.sh}, null while running
 * @param currentStep       the step running now, null when none is
 * @param lastCompletedStep the last step of this attempt that completed
 * @param failedStep        the step that failed ({@code preflight} when the preflight failed)
 * @param reason            why it failed, as printed for the operator
 * @param pid               the process running the attempt
 */
public record RunStatus(String runId, String state, Long jobExecutionId, String startedAt, String updatedAt,
        String endedAt, Integer exitCode, String currentStep, String lastCompletedStep, String failedStep,
        String reason, long pid) {

    public static final String RUNNING = "RUNNING";
    public static final String PREFLIGHT_FAILED = "PREFLIGHT_FAILED";

    /** Whether the run is over for good: a completed run is never started again. */
    public boolean completed() {
        return state != null && state.startsWith("COMPLETED");
    }

    static String now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String time(LocalDateTime t) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    static long currentPid() {
        return ProcessHandle.current().pid();
    }
}
