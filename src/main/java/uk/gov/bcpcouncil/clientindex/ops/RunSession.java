package uk.gov.bcpcouncil.clientindex.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.reconcile.ReportFiles;

/**
 * What one {@code migrate} or {@code restart} of a run leaves for the operators beside the run's reports:
 * the run log (opened first, so it holds the preflight), the final {@code status.json}, and the run-end
 * alert. A refused launch ends no run: it writes no status and calls no hook. Not thread-safe: one per
 * command, used by the command's thread.
 */
public final class RunSession implements AutoCloseable {

    private final String runId;
    private final RunLogFile log;
    private final StatusFile status;
    private final RunEndHook hook;
    private final PrintStream out;
    private final PrintStream err;

    private RunSession(String runId, RunLogFile log, StatusFile status, RunEndHook hook) {
        this.runId = runId;
        this.log = log;
        this.status = status;
        this.hook = hook;
        this.out = log.tee(System.out);
        this.err = log.tee(System.err);
    }

    public static RunSession open(ClientIndexProperties properties, String runId, String command) {
        Path reports = properties.reports().directory();
        RunLogFile log;
        try {
            log = RunLogFile.open(ReportFiles.runDirectory(reports, runId).resolve(RunLogFile.NAME));
        } catch (IOException e) {
            System.err.println("Cannot create the run's folder in " + reports.toAbsolutePath() + ": " + e.getMessage()
                    + "; no run log or status file for this attempt");
            log = RunLogFile.none(reports.resolve(runId).resolve(RunLogFile.NAME));
        }
        log.record("==== " + command + " of run " + runId + ", process " + RunStatus.currentPid() + " ====");
        return new RunSession(runId, log, StatusFile.of(reports, runId), new RunEndHook(properties.alert()));
    }

    /** Prints to standard output and into the run log. */
    public PrintStream out() {
        return out;
    }

    /** Prints to standard error and into the run log. */
    public PrintStream err() {
        return err;
    }

    public void record(String line) {
        log.record(line);
    }

    public Path logFile() {
        return log.path();
    }

    /** The preflight failed: status {@value RunStatus#PREFLIGHT_FAILED}, exit 2, the FAIL lines as the reason. */
    public void preflightFailed(List<CheckResult> results, int exitCode) {
        String reason = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL)
                .map(r -> r.check() + ": " + r.message()).collect(Collectors.joining("; "));
        String now = RunStatus.now();
        end(new RunStatus(runId, RunStatus.PREFLIGHT_FAILED, null, now, now, now, exitCode, null, null, "preflight",
                reason, RunStatus.currentPid()));
    }

    /** The job ended: its final state, the exit code, the failed step and reason (null when it completed). */
    public void jobEnded(JobExecution execution, int exitCode, String failedStep, String reason) {
        String state = execution.getStatus() == BatchStatus.COMPLETED && exitCode == 3 ? "COMPLETED_UNBALANCED"
                : execution.getStatus().name();
        String lastCompleted = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.COMPLETED && s.getEndTime() != null)
                .max(java.util.Comparator.comparing(s -> s.getEndTime())).map(s -> s.getStepName()).orElse(null);
        end(new RunStatus(runId, state, execution.getId(), RunStatus.time(execution.getStartTime()), RunStatus.now(),
                RunStatus.time(execution.getEndTime()), exitCode, null, lastCompleted, failedStep, reason,
                RunStatus.currentPid()));
    }

    /** The run failed without a job execution to report (the target became unreachable): status FAILED. */
    public void failed(String reason, int exitCode) {
        String now = RunStatus.now();
        end(new RunStatus(runId, "FAILED", null, null, now, now, exitCode, null, null, null, reason,
                RunStatus.currentPid()));
    }

    private void end(RunStatus s) {
        if (status.write(s)) {
            out.println("Status: " + status.path().toAbsolutePath() + " (" + s.state() + ", exit " + s.exitCode() + ")");
            hook.runEnded(status.path(), s);
        }
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
        log.close();
    }
}
