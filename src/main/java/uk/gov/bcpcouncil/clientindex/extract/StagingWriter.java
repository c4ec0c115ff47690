package uk.gov.bcpcouncil.clientindex.extract;

import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes legacy rows into {@code ci_stg_row} for one run.
 * <p>Idempotent: an upsert on (run, source, entity, row id), so a chunk replayed after a restart
 * leaves exactly one row per legacy row. Runs inside the step's chunk transaction on the target
 * {@code DataSource}, which also holds the checkpoint. Thread-safe (no mutable state).
 */
public class StagingWriter implements ItemWriter<StagedRow> {

    private static final String UPSERT = """
            INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (run_id, source_system, entity, row_id)
            DO UPDATE SET person_id = EXCLUDED.person_id, data = EXCLUDED.data""";

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;

    public StagingWriter(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
    }

    @Override
    public void write(Chunk<? extends StagedRow> chunk) {
        List<? extends StagedRow> rows = chunk.getItems();
        jdbc.batchUpdate(UPSERT, rows, rows.size(), (ps, row) -> {
            ps.setString(1, runId);
            ps.setString(2, row.source().name());
            ps.setString(3, row.entity().name());
            ps.setString(4, row.rowId());
            ps.setString(5, row.personId());
            ps.setString(6, json.writeValueAsString(row.data()));
        });
    }
}
