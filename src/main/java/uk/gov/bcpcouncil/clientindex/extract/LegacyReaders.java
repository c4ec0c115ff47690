package uk.gov.bcpcouncil.clientindex.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        return pagingReader(table, legacy, pageSize, null, Map.of(), null, null);
    }

    /**
     * A reader of the rows matching a WHERE clause with named parameters ({@code where} null: every row),
     * restricted to one key range of the table, {@code from} inclusive to {@code to} exclusive (either
     * {@code null}: open) for a partition of the step; same name and restart keys as the whole-table reader,
     * kept in the (partition's) step ExecutionContext.
     */
    public static JdbcPagingItemReader<StagedRow> pagingReader(LegacyTable table, DataSource legacy, int pageSize,
            String where, Map<String, Object> parameters, Object from, Object to) {
        AbstractSqlPagingQueryProvider provider = table.source() == SourceSystem.BOURNEMOUTH
                ? new MySqlPagingQueryProvider() : new PostgresPagingQueryProvider();
        provider.setSelectClause("SELECT *");
        provider.setFromClause("FROM " + table.table());
        provider.setSortKeys(Map.of(table.keyColumn(), Order.ASCENDING));
        Map<String, Object> params = new HashMap<>(parameters);
        List<String> range = new ArrayList<>();
        if (where != null) {
            range.add("(" + where + ")");
        }
        if (from != null) {
            range.add(table.keyColumn() + " >= :rangeFrom");
            params.put("rangeFrom", from);
        }
        if (to != null) {
            range.add(table.keyColumn() + " < :rangeTo");
            params.put("rangeTo", to);
        }
        if (!range.isEmpty()) {
            provider.setWhereClause(String.join(" AND ", range));
        }
        try {
            return new JdbcPagingItemReaderBuilder<StagedRow>()
                .name(table.readerName())
                .dataSource(legacy)
                .queryProvider(provider)
                .parameterValues(params)
                .pageSize(pageSize)
                .fetchSize(pageSize)
                .rowMapper(new TextRowMapper(table))
                .saveState(true)
                .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the reader of " + table.table(), e);
        }
    }
}
