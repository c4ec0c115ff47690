package uk.gov.bcpcouncil.clientindex.ops;

import java.time.Duration;

/**
 * What the job's steps report while a run executes: a {@link ProgressListener} of its own for each step
 * (with the step's total for the ETA) and the shared {@link StatusListener} that keeps {@code status.json}
 * current. Thread-safe (immutable).
 */
public final class StepMonitoring {

    private final Duration interval;
    private final StepHistory history;
    private final StatusListener status;

    public StepMonitoring(Duration interval, StepHistory history, StatusListener status) {
        this.interval = interval;
        this.history = history;
        this.status = status;
    }

    /** A new progress listener for one step. */
    public ProgressListener progress(StepTotal total) {
        return new ProgressListener(total, interval, history);
    }

    /**
     * A progress listener for a partitioned manager step: its own chunks are its partitions', so its count is
     * what the partitions have committed to the job repository (read at each progress line).
     */
    public ProgressListener partitionedProgress(StepTotal total) {
        return new ProgressListener(total, interval, history, true);
    }

    public StatusListener status() {
        return status;
    }
}
