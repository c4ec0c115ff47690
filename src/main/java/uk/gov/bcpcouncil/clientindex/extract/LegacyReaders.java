package uk.gov.bcpcouncil.clientindex.extract;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.MySqlPagingQueryProvider;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import org.springframework.batch.infrastructure.item.database.support.AbstractSqlPagingQueryProvider;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Readers of the legacy databases: keyset paging on each table's primary key, read-only, never a
 * write. The reader named {@link LegacyTable#readerName()} stores in the step ExecutionContext its
 * item count and the last key read ({@code <name>.read.count}, {@code <name>.start.after}), so a restart
 * continues after the last committed key. Reads only, through a read-only pool (idempotent: rereading a page
 * has no effect on the legacy system). Not thread-safe: one reader per step execution.
 */
public final class LegacyReaders {

    private LegacyReaders() {
    }

    public static JdbcPagingItemReader<StagedRow> pagingReader(LegacyTable table, DataSource legacy, int pageSize) {
        return pagingReader(table, legacy, pageSize, null, Map.of());
    }

    /**
     * As {@link #pagingReader(LegacyTable, DataSource, int)}, restricted by a WHERE clause with named
     * parameters (null: every row).
     */
    public static JdbcPagingItemReader<StagedRow> pagingReader(LegacyTable table, DataSource legacy, int pageSize,
            String where, Map<String, Object> parameters) {
        AbstractSqlPagingQueryProvider provider = table.source() == SourceSystem.BOURNEMOUTH
                ? new MySqlPagingQueryProvider() : new PostgresPagingQueryProvider();
        provider.setSelectClause("SELECT *");
        provider.setFromClause("FROM " + table.table());
        if (where != null) {
            provider.setWhereClause(where);
        }
        provider.setSortKeys(Map.of(table.keyColumn(), Order.ASCENDING));
        try {
            return new JdbcPagingItemReaderBuilder<StagedRow>()
                .name(table.readerName())
                .dataSource(legacy)
                .queryProvider(provider)
                .pageSize(pageSize)
                .fetchSize(pageSize)
                .rowMapper(new TextRowMapper(table))
                .parameterValues(parameters)
                .saveState(true)
                .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the reader of " + table.table(), e);
        }
    }
}
