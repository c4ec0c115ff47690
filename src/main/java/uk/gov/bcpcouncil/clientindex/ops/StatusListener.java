package uk.gov.bcpcouncil.clientindex.ops;

import java.nio.file.Path;
import java.util.Comparator;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import uk.gov.bcpcouncil.clientindex.job.RunParameters;

/**
 * Keeps {@code status.json} current while a run's job executes: RUNNING at the job's start, then at every
 * step's start and end (current step, last completed step, a failed step's name). The final state with the
 * exit code is written by the command that launched the job, which knows the exit code. Registered on the
 * job and on every step. Thread-safe: it keeps no state; each write is atomic (see {@link StatusFile}).
 */
public final class StatusListener implements JobExecutionListener, StepExecutionListener {

    private final Path reports;

    public StatusListener(Path reports) {
        this.reports = reports;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        write(execution, null);
    }

    @Override
    public void beforeStep(StepExecution step) {
        write(step.getJobExecution(), step.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        write(step.getJobExecution(), null);
        return null;
    }

    private void write(JobExecution execution, String currentStep) {
        String runId = execution.getJobParameters().getString(RunParameters.RUN_ID);
        if (runId == null) {
            return;
        }
        String lastCompleted = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.COMPLETED && s.getEndTime() != null)
                .max(Comparator.comparing(StepExecution::getEndTime)).map(StepExecution::getStepName).orElse(null);
        String failed = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED).map(StepExecution::getStepName)
                .findFirst().orElse(null);
        StatusFile.of(reports, runId).write(new RunStatus(runId, RunStatus.RUNNING, execution.getId(),
                RunStatus.time(execution.getStartTime()), RunStatus.now(), null, null, currentStep, lastCompleted,
                failed, null, RunStatus.currentPid()));
    }
}
