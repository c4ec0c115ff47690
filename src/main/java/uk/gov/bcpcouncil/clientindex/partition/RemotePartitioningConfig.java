package uk.gov.bcpcouncil.clientindex.partition;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;

/**
 * Remote partitioning over RabbitMQ with Spring Batch Integration. The manager's
 * {@code MessageChannelPartitionHandler} sends one {@link StepExecutionRequest} per partition to the channel
 * {@code partitionRequests}, which publishes it to the durable queue {@code clientindex.partitioning.queue}
 * as plain text ({@code stepExecutionId:workerStepName}: no Java deserialisation of broker data), and polls
 * the shared job repository for the partitions' results. A worker process ({@code ./run.sh worker}) consumes
 * requests one at a time (prefetch 1) and runs the named worker step on the partition's step execution with
 * Spring Batch Integration's {@link StepExecutionRequestHandler}. A request is acknowledged after its
 * partition ran; one whose step execution has already started (redelivered after its worker died) or ended
 * is dropped, never run twice: the manager's timeout marks the partition failed and a restart reruns it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${clientindex.partitioning.mode:local}' == 'remote' or '${clientindex.partitioning.worker:false}' == 'true'")
public class RemotePartitioningConfig {

    private static final Logger LOG = LoggerFactory.getLogger(RemotePartitioningConfig.class);

    @Bean
    public Queue partitionRequestQueue(PartitioningProperties properties) {
        return new Queue(properties.queue(), true);
    }

    @Bean
    public RabbitAdmin partitionRabbitAdmin(ConnectionFactory connectionFactory) {
        return new RabbitAdmin(connectionFactory);
    }

    /** The manager side: each request published to the queue (declared on first use). */
    @Bean
    public MessageChannel partitionRequests(AmqpTemplate amqp, PartitioningProperties properties, RabbitAdmin admin,
            Queue partitionRequestQueue) {
        boolean[] declared = { false };
        return (message, timeout) -> {
            if (!declared[0]) {
                admin.declareQueue(partitionRequestQueue);
                declared[0] = true;
            }
            StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
            amqp.convertAndSend("", properties.queue(), request.getStepExecutionId() + ":" + request.getStepName());
            return true;
        };
    }

    /** The worker side: started only in a worker process ({@code clientindex.partitioning.worker=true}). */
    @Bean
    @Lazy(false)
    @ConditionalOnProperty(name = "clientindex.partitioning.worker", havingValue = "true")
    public SimpleMessageListenerContainer partitionWorker(ConnectionFactory connectionFactory,
            PartitioningProperties properties, JobRepository repository, BeanFactory beanFactory, RabbitAdmin admin,
            Queue partitionRequestQueue) {
        admin.declareQueue(partitionRequestQueue);
        BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
        locator.setBeanFactory(beanFactory);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(repository);
        handler.setStepLocator(locator);
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.queue());
        container.setConcurrentConsumers(properties.workerConcurrency());
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMessageListener(message -> {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            StepExecutionRequest request = new StepExecutionRequest(text.substring(colon + 1),
                    Long.parseLong(text.substring(0, colon)));
            StepExecution execution = repository.getStepExecution(request.getStepExecutionId());
            if (execution == null || execution.getStatus() != BatchStatus.STARTING) {
                LOG.warn("Partition request for step execution {} dropped: it is {} (already run, or its worker died;"
                        + " a restart reruns it)", request.getStepExecutionId(),
                        execution == null ? "unknown" : execution.getStatus());
                return;
            }
            LOG.info("Running partition {} (step execution {})", execution.getStepName(), execution.getId());
            StepExecution done = handler.handle(request);
            LOG.info("Partition {} (step execution {}) {}", execution.getStepName(), execution.getId(), done.getStatus());
        });
        return container;
    }
}
