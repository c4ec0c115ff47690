package uk.gov.bcpcouncil.clientindex.partition;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Builds a partitioned (manager) step that keeps the name of the step it replaces (a restart contract): its
 * partitions, named {@code <worker step>:<step>-<i>}, run the shared worker step over key ranges, either on
 * threads of this process ({@code local}) or in worker processes reached over RabbitMQ ({@code remote}).
 * Spring Batch saves each partition's step execution and its context in two transactions (its job repository
 * refuses to join an outer one), so the worker steps rebuild a context lost in between
 * ({@link PartitionContextRecovery}).
 * A restart of the manager step reruns only the partitions that did not complete, each from its own
 * checkpoint; completed partitions are not run again.
 */
public final class PartitionedSteps {

    private final JobRepository repository;
    private final PartitioningProperties properties;
    private final MessageChannel requests;

    /** @param requests the channel to the workers ({@code remote} mode), else {@code null} */
    public PartitionedSteps(JobRepository repository, PartitioningProperties properties, MessageChannel requests) {
        this.repository = repository;
        this.properties = properties;
        this.requests = requests;
    }

    public PartitioningProperties properties() {
        return properties;
    }

    public Step manager(String name, Step worker, Partitioner partitioner, StepExecutionListener... listeners) {
        PartitionStepBuilder builder = new StepBuilder(name, repository)
                .partitioner(worker.getName(), partitioner)
                .gridSize(properties.gridSize())
                .partitionHandler(handler(worker));
        for (StepExecutionListener l : listeners) {
            builder.listener(l);
        }
        return builder.build();
    }

    /**
     * When the manager gives up waiting (timeout), the partitions still marked starting or started were lost
     * with their worker: marks them FAILED, with their last checkpoint kept, so that a restart reruns them
     * (and only them) instead of refusing to restart a step left STARTED.
     */
    static final class FailUnfinishedPartitions implements PartitionHandler {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailUnfinishedPartitions.class);
        private final PartitionHandler delegate;
        private final JobRepository repository;
        private final String workerStep;

        FailUnfinishedPartitions(PartitionHandler delegate, JobRepository repository, String workerStep) {
            this.delegate = delegate;
            this.repository = repository;
            this.workerStep = workerStep;
        }

        @Override
        public java.util.Collection<org.springframework.batch.core.step.StepExecution> handle(
                org.springframework.batch.core.partition.StepExecutionSplitter splitter,
                org.springframework.batch.core.step.StepExecution managerStepExecution) throws Exception {
            try {
                return delegate.handle(splitter, managerStepExecution);
            } catch (Exception e) {
                var job = repository.getJobExecution(managerStepExecution.getJobExecutionId());
                for (var partition : job.getStepExecutions()) {
                    if (partition.getStepName().startsWith(workerStep + ":")
                            && (partition.getStatus() == org.springframework.batch.core.BatchStatus.STARTED
                                    || partition.getStatus() == org.springframework.batch.core.BatchStatus.STARTING)) {
                        partition.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
                        partition.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED
                                .addExitDescription("no result from its worker before the manager's timeout"));
                        partition.setEndTime(java.time.LocalDateTime.now());
                        repository.update(partition);
                        LOG.warn("Partition {} (step execution {}) unfinished at the timeout: marked FAILED;"
                                + " a restart reruns it from its last checkpoint", partition.getStepName(),
                                partition.getId());
                    }
                }
                throw e;
            }
        }
    }

    private PartitionHandler handler(Step worker) {
        try {
            if (properties.remote()) {
                MessageChannelPartitionHandler remote = new MessageChannelPartitionHandler();
                MessagingTemplate template = new MessagingTemplate(requests);
                remote.setMessagingOperations(template);
                remote.setStepName(worker.getName());
                remote.setGridSize(properties.gridSize());
                remote.setJobRepository(repository);
                remote.setPollInterval(500);
                remote.setTimeout(properties.timeout().toMillis());
                remote.afterPropertiesSet();
                return new FailUnfinishedPartitions(remote, repository, worker.getName());
            }
            TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
            SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
            threads.setConcurrencyLimit(properties.gridSize());
            local.setTaskExecutor(threads);
            local.setStep(worker);
            local.setGridSize(properties.gridSize());
            local.afterPropertiesSet();
            return local;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the partition handler of " + worker.getName(), e);
        }
    }
}
