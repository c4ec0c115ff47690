package uk.gov.bcpcouncil.clientindex.job;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.ChangedRowsReader;
import uk.gov.bcpcouncil.clientindex.extract.LegacyTable;
import uk.gov.bcpcouncil.clientindex.extract.StagedRow;
import uk.gov.bcpcouncil.clientindex.extract.StagingWriter;
import uk.gov.bcpcouncil.clientindex.ops.StepMonitoring;
import uk.gov.bcpcouncil.clientindex.ops.StepTotal;
import uk.gov.bcpcouncil.clientindex.partition.KeyRangePartitioner;
import uk.gov.bcpcouncil.clientindex.partition.PartitionedSteps;

/**
 * Builds the extract steps: a chunk step per legacy table or file, reading with a restartable reader and
 * writing idempotently into staging, in the target's transaction, reporting progress against the table's
 * row count or the file's trailer count.
 */
public final class ExtractSteps {

    private final JobRepository repository;
    private final PlatformTransactionManager tx;
    private final int chunkSize;
    private final StagingWriter writer;
    private final DataSource bournemouth;
    private final DataSource poole;
    private final StepMonitoring monitoring;
    private final PartitionedSteps partitions;
    private final Step partitionWorker;

    ExtractSteps(JobRepository repository, PlatformTransactionManager tx, int chunkSize, StagingWriter writer,
            DataSource bournemouth, DataSource poole, StepMonitoring monitoring, PartitionedSteps partitions,
            Step partitionWorker) {
        this.partitions = partitions;
        this.partitionWorker = partitionWorker;
        this.repository = repository;
        this.tx = tx;
        this.chunkSize = chunkSize;
        this.writer = writer;
        this.bournemouth = bournemouth;
        this.poole = poole;
        this.monitoring = monitoring;
    }

    /**
     * The extract step of a legacy table: one reader over the whole table, or (partitioning {@code local} or
     * {@code remote}) a manager step of the same name whose partitions each read one key range of the table
     * with the shared worker step {@value ClientIndexJobConfig#EXTRACT_PARTITION}.
     */
    Step legacy(LegacyTable table) {
        DataSource ds = table.source() == SourceSystem.BOURNEMOUTH ? bournemouth : poole;
        if (partitions.properties().partitioned()) {
            return partitions.manager(table.stepName(), partitionWorker,
                    new KeyRangePartitioner(table.stepName(), ds, table.table(), table.keyColumn(), null),
                    monitoring.partitionedProgress(StepTotal.rowsOf(ds, table.table())), monitoring.status());
        }
        return file(table.stepName(), new ChangedRowsReader(table, ds, chunkSize),
                StepTotal.rowsOf(ds, table.table()));
    }

    Step file(String stepName, ItemReader<StagedRow> reader, StepTotal total) {
        return new StepBuilder(stepName, repository)
                .<StagedRow, StagedRow>chunk(chunkSize)
                .reader(reader)
                .writer(writer)
                .transactionManager(tx)
                .listener(monitoring.progress(total))
                .listener(monitoring.status())
                .interruptionPolicy(GracefulStop.INSTANCE)
                .build();
    }
}
