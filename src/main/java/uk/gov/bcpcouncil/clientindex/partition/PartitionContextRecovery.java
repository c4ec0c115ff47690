package uk.gov.bcpcouncil.clientindex.partition;

import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Makes sure a key-range partition knows its owner and range before its reader opens (a listener of the
 * worker steps, so local threads and remote workers alike). Spring Batch saves a partition's step execution
 * with an empty ExecutionContext, then its context in a second transaction; a run killed in between left a
 * partition whose saved context lacks {@link KeyRangePartitioner#OWNER}, {@link KeyRangePartitioner#FROM} and
 * {@link KeyRangePartitioner#TO}, and a restart copies that empty context forward. Such a partition's owner
 * and index come from its name ({@code <worker step>:<owner>-<i>}), its range from its neighbours' saved
 * contexts (the latest attempt of each in the job instance): ranges are contiguous, so FROM of partition
 * {@code i} is TO of partition {@code i-1} (partition 0 has none) and TO of partition {@code i} is FROM of
 * partition {@code i+1} (none when no partition {@code i+1} was ever created: all of a split's partitions
 * are created before any runs, so it is the last). The rebuilt keys are saved at once. When a neighbour's
 * range is lost too, the step fails with a message saying what to do; it never reads a guessed or whole range.
 * <p>
 * Restart keys: reads and writes only {@code partition.owner}, {@code partition.from} and
 * {@code partition.to} of the partition's own ExecutionContext; reads its neighbours'. Idempotent (a context
 * that has its owner is left alone). Thread-safe (no state besides the repository).
 */
public final class PartitionContextRecovery implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionContextRecovery.class);

    private final JobRepository repository;

    public PartitionContextRecovery(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        ExecutionContext context = stepExecution.getExecutionContext();
        if (context.containsKey(KeyRangePartitioner.OWNER)) {
            return;
        }
        JobInstance instance = stepExecution.getJobExecution().getJobInstance();
        ExecutionContext rebuilt = rebuild(stepExecution.getStepName(), name -> Optional
                .ofNullable(repository.getLastStepExecution(instance, name)).map(StepExecution::getExecutionContext));
        rebuilt.entrySet().forEach(e -> context.put(e.getKey(), e.getValue()));
        repository.updateExecutionContext(stepExecution);
        LOG.warn("Partition {} (step execution {}) had lost its owner and key range (the run was killed while"
                + " creating its partitions): rebuilt from its neighbours' saved ranges", stepExecution.getStepName(),
                stepExecution.getId());
    }

    /**
     * The owner and range of partition {@code stepName} ({@code <worker step>:<owner>-<i>}) from its
     * neighbours' contexts.
     *
     * @param contextOf the saved context of the latest attempt of a partition, by step name; empty when no
     *                  partition of that name was ever created
     * @throws IllegalStateException when the range cannot be rebuilt
     */
    static ExecutionContext rebuild(String stepName, Function<String, Optional<ExecutionContext>> contextOf) {
        int colon = stepName.indexOf(':');
        int dash = stepName.lastIndexOf('-');
        int index;
        try {
            index = colon < 0 || dash < colon ? -1 : Integer.parseInt(stepName.substring(dash + 1));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0) {
            throw new IllegalStateException("Partition " + stepName + " has no owner or key range in its saved"
                    + " context, and its name is not <worker step>:<owner>-<index>, so they cannot be rebuilt");
        }
        String prefix = stepName.substring(0, dash + 1);
        ExecutionContext rebuilt = new ExecutionContext();
        rebuilt.putString(KeyRangePartitioner.OWNER, stepName.substring(colon + 1, dash));
        if (index > 0) {
            String previous = prefix + (index - 1);
            ExecutionContext before = contextOf.apply(previous).orElse(null);
            if (before == null || !before.containsKey(KeyRangePartitioner.OWNER)
                    || !before.containsKey(KeyRangePartitioner.TO)) {
                throw unrecoverable(stepName, previous, "where it starts");
            }
            rebuilt.put(KeyRangePartitioner.FROM, before.get(KeyRangePartitioner.TO));
        }
        String next = prefix + (index + 1);
        Optional<ExecutionContext> after = contextOf.apply(next);
        if (after.isPresent()) {
            if (!after.get().containsKey(KeyRangePartitioner.OWNER) || !after.get().containsKey(KeyRangePartitioner.FROM)) {
                throw unrecoverable(stepName, next, "where it ends");
            }
            rebuilt.put(KeyRangePartitioner.TO, after.get().get(KeyRangePartitioner.FROM));
        }
        return rebuilt;
    }

    private static IllegalStateException unrecoverable(String stepName, String neighbour, String what) {
        return new IllegalStateException("The key range of partition " + stepName + " cannot be recovered: its saved"
                + " context is empty (the run was killed while creating its partitions), and partition " + neighbour
                + ", whose range tells " + what + ", has lost its range too. Resuming this run could read wrong rows,"
                + " so it stops here."
                + " Start a new run with another --label (./run.sh migrate --run-date <date> --label <new label>);"
                + " this run cannot be resumed");
    }
}
