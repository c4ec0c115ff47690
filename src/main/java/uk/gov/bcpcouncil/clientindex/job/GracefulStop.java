package uk.gov.bcpcouncil.clientindex.job;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * The process-wide request to stop a run gracefully (on SIGTERM): every step checks it at each chunk
 * boundary (and a tasklet step before and after its one unit of work), and stops there with status
 * STOPPED, its last checkpoint committed, so {@code restart} resumes from it. A flag of our own rather than
 * {@code JobOperator.stop}, whose hand-over to the step thread can race (Spring Batch issues 5120, 5308).
 * Thread-safe.
 */
public final class GracefulStop implements StepInterruptionPolicy {

    public static final GracefulStop INSTANCE = new GracefulStop();

    private final AtomicBoolean requested = new AtomicBoolean();

    private GracefulStop() {
    }

    public void request() {
        requested.set(true);
    }

    public boolean requested() {
        return requested.get();
    }

    /** Clears the request at the start of a command (several commands may run in one JVM in tests). */
    public void reset() {
        requested.set(false);
    }

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        if (requested.get()) {
            // Spring Batch 6.0's ChunkOrientedStep swallows this exception and ends the step normally, which
            // would record an unfinished step as COMPLETED (and a restart would skip its remaining items). Mark
            // the step STOPPED first: AbstractStep keeps the more severe status and exit status.
            stepExecution.setStatus(BatchStatus.STOPPED);
            stepExecution.setExitStatus(ExitStatus.STOPPED.addExitDescription("stop requested (SIGTERM)"));
            throw new JobInterruptedException("stop requested (SIGTERM): stopped at a chunk boundary; "
                    + "./run.sh restart resumes from here", BatchStatus.STOPPED);
        }
    }
}
