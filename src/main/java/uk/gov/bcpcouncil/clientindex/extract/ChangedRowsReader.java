package uk.gov.bcpcouncil.clientindex.extract;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * The reader of one legacy table: every row in a full run; in an incremental run only the rows of persons
 * changed since the lower bound {@code recordWatermarks} put in the job ExecutionContext (Bournemouth
 * {@code client.updated_on}, Poole {@code person.last_modified}; a child table's rows follow their person).
 * Delegates to {@link LegacyReaders#pagingReader}, built at {@link #open}, so restart keys are the same
 * ({@code <reader name>.read.count}, {@code .start.after}): a restart resumes after the last committed key
 * with the same filter. A partition of the step reads one key range of the table with the same filter and
 * keeps its keys in its own ExecutionContext. Not thread-safe: one step execution at a time.
 */
public class ChangedRowsReader implements ItemStreamReader<StagedRow> {

    private final LegacyTable table;
    private final DataSource legacy;
    private final int pageSize;
    private final Object from;
    private final Object to;
    private JdbcPagingItemReader<StagedRow> delegate;

    public ChangedRowsReader(LegacyTable table, DataSource legacy, int pageSize) {
        this(table, legacy, pageSize, null, null);
    }

    /** The reader of one key range of the table ({@code from} inclusive, {@code to} exclusive, null: open). */
    public ChangedRowsReader(LegacyTable table, DataSource legacy, int pageSize, Object from, Object to) {
        this.table = table;
        this.legacy = legacy;
        this.pageSize = pageSize;
        this.from = from;
        this.to = to;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        ExecutionContext job = Incremental.jobContext();
        String since = job == null ? null : job.getString(Incremental.SINCE_KEY + table.source().name(), null);
        if (since == null || since.isEmpty()) {
            delegate = LegacyReaders.pagingReader(table, legacy, pageSize, null, Map.of(), from, to);
        } else {
            Object bound = table.source() == SourceSystem.BOURNEMOUTH ? LocalDateTime.parse(since)
                    : OffsetDateTime.parse(since);
            delegate = LegacyReaders.pagingReader(table, legacy, pageSize, changedFilter(table), Map.of("since", bound),
                    from, to);
        }
        try {
            delegate.afterPropertiesSet();
        } catch (Exception e) {
            throw new ItemStreamException("cannot open the reader of " + table.table(), e);
        }
        delegate.open(executionContext);
    }

    /** The WHERE clause selecting the rows of persons changed at or after {@code :since}. */
    static String changedFilter(LegacyTable table) {
        if (table.source() == SourceSystem.BOURNEMOUTH) {
            return table.entity() == Entity.PERSON ? "updated_on >= :since"
                    : "client_id IN (SELECT c.client_id FROM client c WHERE c.updated_on >= :since)";
        }
        return table.entity() == Entity.PERSON ? "last_modified >= :since"
                : "person_ref IN (SELECT p.person_ref FROM poole.person p WHERE p.last_modified >= :since)";
    }

    @Override
    public StagedRow read() throws Exception {
        return delegate.read();
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        delegate.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        if (delegate != null) {
            delegate.close();
        }
    }
}
