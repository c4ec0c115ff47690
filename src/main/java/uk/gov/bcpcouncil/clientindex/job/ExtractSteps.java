package uk.gov.bcpcouncil.clientindex.job;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.LegacyReaders;
import uk.gov.bcpcouncil.clientindex.extract.LegacyTable;
import uk.gov.bcpcouncil.clientindex.extract.StagedRow;
import uk.gov.bcpcouncil.clientindex.extract.StagingWriter;

/**
 * Builds the extract steps: a chunk step per legacy table or file, reading with a restartable reader and
 * writing idempotently into staging, in the target's transaction.
 */
public final class ExtractSteps {

    private final JobRepository repository;
    private final PlatformTransactionManager tx;
    private final int chunkSize;
    private final StagingWriter writer;
    private final DataSource bournemouth;
    private final DataSource poole;

    ExtractSteps(JobRepository repository, PlatformTransactionManager tx, int chunkSize, StagingWriter writer,
            DataSource bournemouth, DataSource poole) {
        this.repository = repository;
        this.tx = tx;
        this.chunkSize = chunkSize;
        this.writer = writer;
        this.bournemouth = bournemouth;
        this.poole = poole;
    }

    Step legacy(LegacyTable table) {
        DataSource ds = table.source() == SourceSystem.BOURNEMOUTH ? bournemouth : poole;
        return file(table.stepName(), LegacyReaders.pagingReader(table, ds, chunkSize));
    }

    Step file(String stepName, ItemReader<StagedRow> reader) {
        return new StepBuilder(stepName, repository)
                .<StagedRow, StagedRow>chunk(chunkSize)
                .reader(reader)
                .writer(writer)
                .transactionManager(tx)
                .interruptionPolicy(GracefulStop.INSTANCE)
                .build();
    }
}
