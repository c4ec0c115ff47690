package uk.gov.bcpcouncil.clientindex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.extract.Incremental;
import uk.gov.bcpcouncil.clientindex.job.ClientIndexJobConfig;
import uk.gov.bcpcouncil.clientindex.job.DatabaseFaults;
import uk.gov.bcpcouncil.clientindex.job.GracefulStop;
import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.mapping.MappingLoader;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;
import uk.gov.bcpcouncil.clientindex.ops.CheckResult;
import uk.gov.bcpcouncil.clientindex.ops.PreflightCheck;
import uk.gov.bcpcouncil.clientindex.ops.RunSession;
import uk.gov.bcpcouncil.clientindex.ops.StepTable;
import uk.gov.bcpcouncil.clientindex.reconcile.ReconcileTasklet;

/**
 * {@code check}, {@code migrate}, {@code restart} and {@code status}: the preflight, launching, resuming and
 * listing runs, with the exit codes of the design brief. {@code migrate} and {@code restart} run the
 * preflight first (a FAIL stops them with exit 2, a WARN does not), then apply pending target schema
 * migrations, and leave a run log, {@code status.json} and the alert beside the run's reports. The job
 * infrastructure is injected lazily so that the preflight can report an unreachable target rather than
 * fail to start. Messages name runs and steps, never a child's data. Not thread-safe: one command at a time.
 */
@Component
public class JobCommands {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final DataSource target;
    private final ClientIndexProperties properties;
    private final PreflightCheck preflight;
    private final ObjectProvider<Flyway> flyway;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private String mode = Incremental.FULL;

    public JobCommands(@Lazy JobOperator jobOperator, @Lazy JobRepository jobRepository, @Lazy Job job,
            DataSource target, ClientIndexProperties properties, PreflightCheck preflight,
            ObjectProvider<Flyway> flyway) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.target = target;
        this.properties = properties;
        this.preflight = preflight;
        this.flyway = flyway;
    }

    /** {@code check}: the preflight on its own; changes nothing. Exit 2 when a check FAILs, else 0. */
    public int check() {
        out.println("Preflight check (reads only; nothing is changed):");
        List<CheckResult> results = preflight.run();
        results.forEach(r -> out.println(r.line()));
        boolean failed = CheckResult.anyFailed(results);
        out.println("Preflight: " + CheckResult.tally(results) + (failed ? " (exit 2)" : " (exit 0)"));
        return failed ? ExitCodes.CONFIGURATION : ExitCodes.OK;
    }

    /** The preflight before a run: true when the run may go ahead (no FAIL). */
    private boolean preflightPasses(List<CheckResult> results) {
        out.println("Preflight:");
        results.forEach(r -> out.println(r.line()));
        if (CheckResult.anyFailed(results)) {
            err.println("Preflight failed (" + CheckResult.tally(results) + "): fix the FAIL lines above; nothing was"
                    + " started (exit 2)");
            return false;
        }
        out.println("Preflight passed: " + CheckResult.tally(results));
        return true;
    }

    public int migrate(RunParameters run) throws Exception {
        return migrate(run, false);
    }

    /** {@code migrate}, incremental when asked ({@code --incremental}): see {@code extract.Incremental}. */
    public int migrate(RunParameters run, boolean incremental) throws Exception {
        mode = incremental ? Incremental.INCREMENTAL : Incremental.FULL;
        try (RunSession session = RunSession.open(properties, run.runId(), "migrate")) {
            out = session.out();
            err = session.err();
            List<CheckResult> checks = PreflightCheck.forRun(preflight.run());
            if (!preflightPasses(checks)) {
                session.preflightFailed(checks, ExitCodes.CONFIGURATION);
                return ExitCodes.CONFIGURATION;
            }
            return migrate(run, session);
        } finally {
            out = System.out;
            err = System.err;
        }
    }

    private int migrate(RunParameters run, RunSession session) throws Exception {
        Mappings mappings = MappingLoader.load(properties.mappings().directory());
        try (RunLock lock = RunLock.tryAcquire(target)) {
            if (lock == null) {
                return refused("another run is active on this target database; wait for it to finish");
            }
            migrateSchema();
            JobExecution last = jobRepository.getLastJobExecution(ClientIndexJobConfig.JOB_NAME, run.identifying());
            if (last != null) {
                if (last.getStatus() == BatchStatus.COMPLETED) {
                    return refused("run " + run.runId() + " already completed; start another trial load with --label");
                }
                if (last.getStatus().isRunning()) {
                    return refused("run " + run.runId() + " is marked " + last.getStatus()
                            + " but no process holds it (it was killed); use ./run.sh restart to recover and resume it");
                }
                if (mappingsChanged(last, mappings)) {
                    return refusedForChangedMappings(run, last, mappings);
                }
                out.println("Resuming run " + run.runId() + " from its last checkpoint (previous attempt: "
                        + last.getStatus() + ")");
            } else {
                out.println("Starting run " + run.runId());
            }
            return launch(run, mappings, session, lock);
        }
    }

    /** Applies pending target schema migrations (the preflight reported them); Flyway locks its history. */
    private void migrateSchema() {
        Flyway f = flyway.getIfAvailable();
        if (f == null) {
            return;
        }
        MigrateResult result = f.migrate();
        if (result.migrationsExecuted > 0) {
            out.println("Target schema: applied " + result.migrationsExecuted + " migration(s), now at version "
                    + result.targetSchemaVersion);
        }
    }

    public int restart() throws Exception {
        List<CheckResult> checks = PreflightCheck.forRun(preflight.run());
        if (!preflightPasses(checks)) {
            return ExitCodes.CONFIGURATION;
        }
        migrateSchema();
        JobInstance instance = jobRepository.getLastJobInstance(ClientIndexJobConfig.JOB_NAME);
        if (instance == null) {
            return refused("there is no run to restart");
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        RunParameters run = RunParameters.of(String.valueOf(last.getJobParameters().getLocalDate(RunParameters.RUN_DATE)),
                last.getJobParameters().getString(RunParameters.RUN_LABEL));
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return refused("the last run, " + run.runId() + ", completed; there is nothing to restart");
        }
        mode = Incremental.INCREMENTAL.equals(last.getJobParameters().getString(Incremental.MODE_PARAMETER))
                ? Incremental.INCREMENTAL : Incremental.FULL;
        try (RunSession session = RunSession.open(properties, run.runId(), "restart")) {
            out = session.out();
            err = session.err();
            checks.forEach(r -> session.record(r.line()));
            session.record("Preflight passed: " + CheckResult.tally(checks));
            return restart(run, last, session);
        } finally {
            out = System.out;
            err = System.err;
        }
    }

    private int restart(RunParameters run, JobExecution last, RunSession session) throws Exception {
        Mappings mappings = MappingLoader.load(properties.mappings().directory());
        try (RunLock lock = RunLock.tryAcquire(target)) {
            if (lock == null) {
                return refused("run " + run.runId() + " is still running in another process");
            }
            if (last.getStatus().isRunning()) {
                out.println("Run " + run.runId() + " was left " + last.getStatus()
                        + " by a process that died; marking it failed so it can resume");
                last = jobOperator.recover(last);
            }
            if (leftUnknown(last)) {
                out.println("Run " + run.runId() + " was left UNKNOWN by a database fault during a commit; marking it"
                        + " failed so it resumes from its last committed checkpoint");
                last = failUnknown(last);
            }
            if (mappingsChanged(last, mappings)) {
                return refusedForChangedMappings(run, last, mappings);
            }
            out.println("Resuming run " + run.runId() + " from its last checkpoint");
            return launch(run, mappings, session, lock);
        }
    }

    private static boolean mappingsChanged(JobExecution last, Mappings mappings) {
        return !Objects.equals(last.getJobParameters().getString(RunParameters.MAPPINGS_CHECKSUM), mappings.checksum());
    }

    private int refusedForChangedMappings(RunParameters run, JobExecution last, Mappings mappings) {
        List<String> changed = Mappings.changedFiles(
                Mappings.parseFileChecksums(last.getJobParameters().getString(RunParameters.MAPPINGS_FILES)),
                mappings.fileChecksums());
        return refused("the mappings changed since run " + run.runId() + " started ("
                + (changed.isEmpty() ? "checksum " + abbrev(mappings.checksum()) : String.join(", ", changed))
                + "); resuming it would mix two mappings in one run. Undo the change, or start a new run with --label");
    }

    /**
     * Launches (or resumes) the run and, after a transient database fault (a dropped or refused connection, a
     * server restarting), resumes it again from its last checkpoint up to {@code clientindex.retry.limit} times,
     * waiting {@code clientindex.retry.backoff}, doubled at each retry. A permanent error, a stop request or
     * the last retry failing ends the run FAILED (exit 1), restartable once the cause is fixed.
     */
    private int launch(RunParameters run, Mappings mappings, RunSession session, RunLock lock) throws Exception {
        JobParameters params = run.toJobParameters(mappings, mode);
        ClientIndexProperties.Retry retry = properties.retry();
        JobExecution execution = null;
        Exception unreachable = null;
        boolean launch = true;
        for (int attempt = 0;; attempt++) {
            if (launch) {
                unreachable = null;
                try {
                    execution = jobOperator.start(job, params);
                } catch (JobInstanceAlreadyCompleteException e) {
                    return refused("run " + run.runId() + " already completed; start another trial load with --label");
                } catch (JobExecutionAlreadyRunningException | JobRestartException e) {
                    return refused(e.getMessage());
                } catch (RuntimeException e) {
                    if (!DatabaseFaults.isTransient(e)) {
                        throw e;
                    }
                    // the job repository itself (the target) could not be written: the run may be left STARTED
                    unreachable = e;
                }
            }
            Throwable fault = unreachable != null ? unreachable
                    : leftUnknown(execution)
                            // only a failed commit or rollback, or a failed checkpoint update, leaves a step UNKNOWN:
                            // a database fault whatever exception reports it
                            ? execution.getAllFailureExceptions().stream().findFirst().orElse(
                                    new IllegalStateException("a chunk's commit ended with an unknown outcome"))
                            : execution.getStatus() == BatchStatus.FAILED
                                    ? execution.getAllFailureExceptions().stream().filter(DatabaseFaults::isTransient)
                                            .findFirst().orElse(null)
                                    : null;
            if (fault != null && unreachable == null) {
                execution = failUnknown(execution);
            }
            if (fault == null || GracefulStop.INSTANCE.requested() || attempt >= retry.limit()) {
                break;
            }
            java.time.Duration wait = retry.backoff().multipliedBy(1L << Math.min(attempt, 10));
            err.println("Transient database error" + (unreachable != null ? "" : " in step " + failedStep(execution))
                    + ": " + DatabaseFaults.describe(fault) + "; resuming from the last checkpoint in "
                    + wait.toMillis() / 1000.0 + " s (retry " + (attempt + 1) + " of " + retry.limit() + ")");
            Thread.sleep(wait.toMillis());
            if (GracefulStop.INSTANCE.requested()) {
                break;
            }
            RunLock.State held = lock.ensureHeld(target);
            if (held == RunLock.State.TAKEN_BY_ANOTHER_PROCESS) {
                err.println("Another process took the run lock while the target was unreachable; not retrying");
                break;
            }
            launch = held == RunLock.State.HELD && recoverIfLeftRunning(run);
            if (!launch && unreachable == null) {
                unreachable = new org.springframework.dao.DataAccessResourceFailureException(
                        "the target database is still unreachable");
            }
        }
        if (unreachable != null) {
            return targetUnreachable(run, unreachable, session);
        }
        String failedStep = null;
        String reason = null;
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            failedStep = failedStep(execution);
            reason = firstFailure(execution).map(DatabaseFaults::describe)
                    .orElse(DatabaseFaults.redact(execution.getExitStatus().getExitDescription()));
        }
        printSteps(run, execution);
        int code = outcome(run, execution, failedStep, reason);
        out.println("Log: " + session.logFile().toAbsolutePath());
        session.jobEnded(execution, code, failedStep, reason);
        return code;
    }

    /**
     * A database fault during a chunk's commit leaves its step UNKNOWN, which Spring Batch refuses to restart.
     * Here the outcome is known to be safe either way: a chunk and its checkpoint commit in one transaction of
     * the target, and every writer is idempotent, so the step is marked FAILED and resumes from the last
     * checkpoint that committed. A no-op for an execution that is not UNKNOWN; tolerant of an unreachable
     * target (the next attempt fails fast and is counted).
     */
    private JobExecution failUnknown(JobExecution execution) {
        try {
            markUnknownFailed(execution);
        } catch (RuntimeException e) {
            if (!DatabaseFaults.isTransient(e)) {
                throw e;
            }
        }
        return execution;
    }

    /**
     * {@link #failUnknown} without the tolerance: a transient fault while updating the repository is thrown, and the
     * execution may then still be UNKNOWN there (the next attempt marks it again, see {@link #recoverIfLeftRunning}).
     */
    private void markUnknownFailed(JobExecution execution) {
        // a step inside the extracts' flow step may be UNKNOWN while the flow step and the job say FAILED
        if (!leftUnknown(execution)) {
            return;
        }
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED.addExitDescription(
                        "a database fault left the last chunk's outcome unknown; the chunk and its checkpoint"
                                + " commit together, so the step resumes from its last committed checkpoint"));
                jobRepository.update(step);
            }
        }
        if (execution.getStatus() == BatchStatus.UNKNOWN) {
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
            jobRepository.update(execution);
        }
    }

    /** Whether the execution or any of its steps was left UNKNOWN (a commit's outcome lost to a database fault). */
    private static boolean leftUnknown(JobExecution execution) {
        return execution.getStatus() == BatchStatus.UNKNOWN
                || execution.getStepExecutions().stream().anyMatch(s -> s.getStatus() == BatchStatus.UNKNOWN);
    }

    /**
     * Marks the run's execution failed if a target outage left it running or UNKNOWN; false while the target is
     * unreachable.
     */
    private boolean recoverIfLeftRunning(RunParameters run) {
        try {
            JobExecution last = jobRepository.getLastJobExecution(ClientIndexJobConfig.JOB_NAME, run.identifying());
            if (last != null && last.getStatus().isRunning()) {
                jobOperator.recover(last); // we hold the run lock, so no live process runs it
            }
            if (last != null && leftUnknown(last)) {
                // marking it failed after the fault may have met the same fault (a pooled connection the server had
                // closed): Spring Batch would refuse to restart it, so mark it again, or wait for the next attempt
                markUnknownFailed(last);
            }
            return true;
        } catch (RuntimeException e) {
            if (!DatabaseFaults.isTransient(e)) {
                throw e;
            }
            return false;
        }
    }

    private static String failedStep(JobExecution execution) {
        // a partitioned step fails as its manager (the step's own name) and as the partition ("worker:range"), and
        // an extract step also as the flow step around it: name the step the operator knows
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.STOPPED
                        || s.getStatus() == BatchStatus.UNKNOWN)
                .map(StepExecution::getStepName)
                .min(java.util.Comparator.comparing(JobCommands::isPartition)
                        .thenComparing(name -> name.equals(ClientIndexJobConfig.EXTRACTS)))
                .orElse("-");
    }

    /** A partition of a partitioned step is named {@code <worker step>:<partition>}. */
    private static boolean isPartition(String stepName) {
        return stepName.contains(":");
    }

    /**
     * The failure to tell the operator: a partition's own exception first (its manager step only says that a
     * partition failed), then any step's, then the job's.
     */
    private static java.util.Optional<Throwable> firstFailure(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .sorted(java.util.Comparator.comparing((StepExecution s) -> !isPartition(s.getStepName())))
                .flatMap(s -> s.getFailureExceptions().stream())
                .findFirst()
                .or(() -> execution.getAllFailureExceptions().stream().findFirst());
    }

    /** The target went away so that not even the run's failure could be recorded: exit 1, restartable. */
    private int targetUnreachable(RunParameters run, Exception e, RunSession session) {
        String reason = "the target database became unreachable: " + DatabaseFaults.describe(e);
        err.println("Run " + run.runId() + " FAILED: " + reason);
        err.println("The job repository could not record the failure, so the run may still show as STARTED. Once the"
                + " target database is back, ./run.sh restart recovers it and resumes from the last checkpoint (exit 1)");
        out.println("Log: " + session.logFile().toAbsolutePath());
        session.failed(reason, ExitCodes.FAILED);
        return ExitCodes.FAILED;
    }

    /** The per-step table over every attempt of the run. */
    private void printSteps(RunParameters run, JobExecution execution) {
        Map<String, Long> rejected;
        try {
            rejected = Map.of("mapRecords", new JdbcTemplate(target).queryForObject("SELECT COUNT(*) FROM"
                    + " ci_mapped_record WHERE run_id = ? AND outcome = 'REJECTED'", Long.class, run.runId()));
        } catch (RuntimeException e) {
            rejected = Map.of();
        }
        out.println("Steps of run " + run.runId() + " (all attempts):");
        try {
            StepTable.lines(jobRepository.getJobExecutions(execution.getJobInstance()), rejected).forEach(out::println);
        } catch (RuntimeException e) {
            out.println("  (the step table cannot be read from the target: " + DatabaseFaults.describe(e) + ")");
        }
    }

    private int outcome(RunParameters run, JobExecution execution, String step, String reason) {
        if (leftUnknown(execution) || execution.getStatus() == BatchStatus.FAILED
                && execution.getAllFailureExceptions().stream().anyMatch(DatabaseFaults::isTransient)) {
            err.println("Run " + run.runId() + " FAILED in step " + step + " after " + properties.retry().limit()
                    + " retries: a database was unreachable (" + reason + ")");
            err.println("Once the database is back, resume from the last checkpoint with ./run.sh restart (exit 1)");
            return ExitCodes.FAILED;
        }
        Path reports = properties.reports().directory().resolve(run.runId());
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            printTotals(run.runId(), execution);
            out.println("Report: " + reports.resolve("report.html").toAbsolutePath());
            Object balanced = execution.getExecutionContext().get(ReconcileTasklet.BALANCED_KEY);
            if (Boolean.FALSE.equals(balanced)) {
                out.println("Run " + run.runId() + " COMPLETED but the control totals DO NOT BALANCE (exit 3)");
                return ExitCodes.UNBALANCED;
            }
            out.println("Run " + run.runId() + " COMPLETED; control totals balance (exit 0)");
            return ExitCodes.OK;
        }
        err.println("Run " + run.runId() + " " + execution.getStatus() + " in step " + step + ": " + reason);
        err.println(execution.getStatus() == BatchStatus.STOPPED
                ? "Resume from the last checkpoint with ./run.sh restart (exit 1)"
                : "Fix the cause, then resume from the last checkpoint with ./run.sh restart (exit 1)");
        return ExitCodes.FAILED;
    }

    private void printTotals(String runId, JobExecution execution) {
        out.println("Control totals (read = indexed + rejected + excluded; read = count in source):");
        out.printf("  %-13s %12s %10s %10s %10s %10s  %s%n", "source", "in source", "read", "indexed", "rejected",
                "excluded", "result");
        new JdbcTemplate(target).query("SELECT source_system, source_count, read_count, indexed, rejected, excluded,"
                + " balanced FROM ci_control_total WHERE run_id = ? ORDER BY source_system", rs -> {
                    out.printf("  %-13s %12d %10d %10d %10d %10d  %s%n", rs.getString(1), rs.getLong(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getBoolean(7) ? "balanced" : "NOT BALANCED");
                }, runId);
        out.println("  clients in this run's index: " + clients(execution));
    }

    /**
     * The clients of the run's index: what the run's last completed {@code buildClientIndex} wrote (each attempt of
     * that step builds the whole index again). Counting the golden records read every one of them: 1.6 s at a million
     * children.
     */
    private long clients(JobExecution execution) {
        return jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .flatMap(e -> e.getStepExecutions().stream())
                .filter(s -> s.getStepName().equals("buildClientIndex") && s.getStatus() == BatchStatus.COMPLETED)
                .max(Comparator.comparing(StepExecution::getId)).map(StepExecution::getWriteCount).orElse(0L);
    }

    public int status(int limit) {
        List<JobInstance> instances = jobRepository.getJobInstances(ClientIndexJobConfig.JOB_NAME, 0, limit);
        if (instances.isEmpty()) {
            out.println("No runs yet.");
            return ExitCodes.OK;
        }
        for (JobInstance instance : instances) {
            List<JobExecution> executions = jobRepository.getJobExecutions(instance).stream()
                    .sorted(Comparator.comparing(JobExecution::getId)).toList();
            for (JobExecution e : executions) {
                out.printf("Run %s  execution %d  %s  started %s  ended %s  exit %s%n",
                        e.getJobParameters().getString(RunParameters.RUN_ID), e.getId(), e.getStatus(),
                        e.getStartTime() == null ? "-" : e.getStartTime().withNano(0),
                        e.getEndTime() == null ? "-" : e.getEndTime().withNano(0), e.getExitStatus().getExitCode());
                out.printf("    %-34s %-10s %10s %10s %8s %8s%n", "step", "status", "read", "written", "skipped",
                        "filtered");
                e.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId))
                        .forEach(s -> out.printf("    %-34s %-10s %10d %10d %8d %8d%n", s.getStepName(), s.getStatus(),
                                s.getReadCount(), s.getWriteCount(), s.getSkipCount(), s.getFilterCount()));
            }
        }
        return ExitCodes.OK;
    }

    private int refused(String why) {
        err.println("Refused: " + why + " (exit 4)");
        return ExitCodes.REFUSED;
    }

    private static String abbrev(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root == t ? msg : t.getMessage() + (msg == null ? "" : " (cause: " + msg + ")");
    }
}
