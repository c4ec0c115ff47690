package uk.gov.bcpcouncil.clientindex.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the heavy steps (the legacy table extracts and {@code mapRecords}) are partitioned
 * ({@code clientindex.partitioning.*}).
 *
 * @param mode      {@code none} (one reader per step), {@code local} (key-range partitions run by threads of
 *                  this process, the default) or {@code remote} (partitions sent over RabbitMQ to worker
 *                  processes started with {@code ./run.sh worker}, which share the job repository)
 * @param gridSize  partitions per step (default 2: one per core of the reference machine; remote: about
 *                  the number of worker processes, or a multiple of it)
 * @param timeout   remote only: how long the manager waits for a step's partitions before failing the step
 *                  (a partition whose worker died stays unfinished; {@code ./run.sh restart} reruns it)
 * @param queue     remote only: the RabbitMQ queue of partition requests
 * @param workerConcurrency remote only: partitions a worker process runs at the same time (default 1)
 */
@ConfigurationProperties("clientindex.partitioning")
public record PartitioningProperties(String mode, Integer gridSize, Duration timeout, String queue,
        Integer workerConcurrency) {

    public static final String NONE = "none";
    public static final String LOCAL = "local";
    public static final String REMOTE = "remote";

    public PartitioningProperties {
        mode = mode == null ? LOCAL : mode;
        if (!mode.equals(NONE) && !mode.equals(LOCAL) && !mode.equals(REMOTE)) {
            throw new IllegalArgumentException("clientindex.partitioning.mode must be none, local or remote, got '"
                    + mode + "'");
        }
        gridSize = gridSize == null ? 2 : gridSize;
        if (gridSize < 1 || gridSize > 256) {
            throw new IllegalArgumentException("clientindex.partitioning.grid-size must be 1 to 256, got " + gridSize);
        }
        timeout = timeout == null ? Duration.ofHours(4) : timeout;
        queue = queue == null ? "clientindex.partitions" : queue;
        workerConcurrency = workerConcurrency == null ? 1 : workerConcurrency;
    }

    public boolean partitioned() {
        return !mode.equals(NONE);
    }

    public boolean remote() {
        return mode.equals(REMOTE);
    }
}
