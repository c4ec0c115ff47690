package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Reads the run's staged person rows with their child rows aggregated, in {@code person_key}
 * ({@code SOURCE:record id}) order. Keyset paging on that indexed column: the reader {@value #NAME} stores
 * the last key read in the step ExecutionContext ({@code stagedPersonReader.read.count},
 * {@code stagedPersonReader.start.after}), so a restart continues after the last committed record. Reads only
 * (idempotent: rereading a page has no effect). Not thread-safe: one reader per step execution
 * ({@code @StepScope}).
 */
public final class StagedPersonReaders {

    public static final String NAME = "stagedPersonReader";

    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, String>>> ROWS = new TypeReference<>() {
    };

    private StagedPersonReaders() {
    }

    public static JdbcPagingItemReader<StagedPerson> reader(DataSource target, String runId, int pageSize,
            JsonMapper json) throws Exception {
        return reader(target, runId, pageSize, json, null, null);
    }

    /**
     * A reader of the persons whose {@code person_key} is from {@code from} (inclusive) to {@code to}
     * (exclusive), either {@code null} for open, for a partition of {@code mapRecords}: same name and restart
     * keys, kept in the partition's own ExecutionContext.
     */
    public static JdbcPagingItemReader<StagedPerson> reader(DataSource target, String runId, int pageSize,
            JsonMapper json, String from, String to) throws Exception {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("runId", runId);
        String where = "p.run_id = :runId AND p.entity = 'PERSON'";
        if (from != null) {
            where += " AND p.person_key >= :rangeFrom";
            params.put("rangeFrom", from);
        }
        if (to != null) {
            where += " AND p.person_key < :rangeTo";
            params.put("rangeTo", to);
        }
        PostgresPagingQueryProvider provider = new PostgresPagingQueryProvider();
        provider.setSelectClause("SELECT p.person_key, p.source_system, p.row_id, p.data::text AS data, "
                + children("ADDRESS") + " AS addresses, " + children("INVOLVEMENT") + " AS involvements, "
                + children("ALIAS") + " AS aliases");
        provider.setFromClause("FROM ci_stg_row p");
        // a record already mapped in this run (carried over unchanged by an incremental run) is not mapped again
        provider.setWhereClause(where + " AND NOT p.carried");
        provider.setSortKeys(Map.of("person_key", Order.ASCENDING));
        return new JdbcPagingItemReaderBuilder<StagedPerson>()
                .name(NAME)
                .dataSource(target)
                .queryProvider(provider)
                .parameterValues(params)
                .pageSize(pageSize)
                .rowMapper((rs, n) -> new StagedPerson(SourceSystem.valueOf(rs.getString("source_system")),
                        rs.getString("row_id"), json.readValue(rs.getString("data"), ROW),
                        json.readValue(rs.getString("addresses"), ROWS),
                        json.readValue(rs.getString("involvements"), ROWS),
                        json.readValue(rs.getString("aliases"), ROWS)))
                .build();
    }

    private static String children(String entity) {
        return "(SELECT COALESCE(jsonb_agg(c.data ORDER BY c.row_id), '[]'::jsonb)::text FROM ci_stg_row c "
                + "WHERE c.run_id = p.run_id AND c.source_system = p.source_system AND c.entity = '" + entity
                + "' AND c.person_id = p.row_id)";
    }
}
