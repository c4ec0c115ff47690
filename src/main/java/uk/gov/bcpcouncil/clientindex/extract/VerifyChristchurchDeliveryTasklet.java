package uk.gov.bcpcouncil.clientindex.extract;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;

/**
 * Finds the newest complete Christchurch delivery and verifies both its files' trailers before any
 * row is read. On success it records in the job ExecutionContext the delivery used
 * ({@code christchurch.delivery}, {@code christchurch.clientsFile}, {@code christchurch.involvementsFile},
 * their SHA-256 and control totals, the trailers' line counts), which the readers and the report use. On failure the job stops
 * with the reason and nothing of the delivery is loaded.
 * <p>Restart keys: none of its own (the step runs again on every restart, {@code allowStartIfComplete}); the
 * job context keys above are rewritten with the same values. Idempotent: it only reads the files, so
 * rerunning is safe. Thread-safe: no mutable state (the directory and a stateless verifier).
 */
public final class VerifyChristchurchDeliveryTasklet implements Tasklet {

    public static final String DELIVERY = "christchurch.delivery";
    public static final String CLIENTS_FILE = "christchurch.clientsFile";
    public static final String INVOLVEMENTS_FILE = "christchurch.involvementsFile";
    public static final String CLIENTS_SHA = "christchurch.clientsSha256";
    public static final String INVOLVEMENTS_SHA = "christchurch.involvementsSha256";
    public static final String CLIENTS_TRAILER_COUNT = "christchurch.clientsTrailerCount";
    public static final String INVOLVEMENTS_TRAILER_COUNT = "christchurch.involvementsTrailerCount";

    private final Path directory;
    private final TrailerVerifier verifier = new TrailerVerifier();

    public VerifyChristchurchDeliveryTasklet(Path directory) {
        this.directory = directory;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        if (directory == null) {
            throw new ConfigurationException("clientindex.sources.christchurch.directory is not set");
        }
        ChristchurchDelivery delivery = ChristchurchDelivery.newestComplete(directory)
                .orElseThrow(() -> new ExtractRefusedException("No complete Christchurch delivery (clients and involvements "
                        + "files of the same date) in " + directory));
        TrailerVerifier.Verified clients = verifier.verify(delivery.clientsFile(), ChristchurchFormat.CLIENT_COLUMNS,
                true);
        TrailerVerifier.Verified involvements = verifier.verify(delivery.involvementsFile(),
                ChristchurchFormat.INVOLVEMENT_COLUMNS);
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        job.putString(DELIVERY, delivery.date());
        job.putString(CLIENTS_FILE, delivery.clientsFile().toAbsolutePath().toString());
        job.putString(INVOLVEMENTS_FILE, delivery.involvementsFile().toAbsolutePath().toString());
        job.putString(CLIENTS_SHA, clients.sha256());
        job.putString(INVOLVEMENTS_SHA, involvements.sha256());
        job.putLong(CLIENTS_TRAILER_COUNT, clients.dataLines());
        job.putLong(INVOLVEMENTS_TRAILER_COUNT, involvements.dataLines());
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }
}
