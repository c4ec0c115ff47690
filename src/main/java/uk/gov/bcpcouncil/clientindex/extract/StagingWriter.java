package uk.gov.bcpcouncil.clientindex.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.infra.PgCopy;

/**
 * Writes legacy rows into {@code ci_stg_row} for one run, with {@code COPY}.
 * <p>Idempotent: the chunk first deletes the rows of its own keys (run, source, entity, row id) and then
 * copies its rows, so a chunk replayed after a restart leaves exactly one row per legacy row. Runs inside
 * the step's chunk transaction on the target {@code DataSource}, which also holds the checkpoint: the
 * delete, the COPY and the checkpoint commit or roll back together. Thread-safe (no mutable state), so
 * partitions of one step may share it.
 */
public class StagingWriter implements ItemWriter<StagedRow> {

    static final List<String> COLUMNS = List.of("run_id", "source_system", "entity", "row_id", "person_id", "data");

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
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (StagedRow row : chunk.getItems()) {
            keys.computeIfAbsent(row.source().name() + "|" + row.entity().name(), k -> new ArrayList<>()).add(row.rowId());
        }
        keys.forEach((sourceEntity, ids) -> {
            String[] se = sourceEntity.split("\\|");
            jdbc.update(con -> {
                var ps = con.prepareStatement("DELETE FROM ci_stg_row WHERE run_id = ? AND source_system = ?"
                        + " AND entity = ? AND row_id = ANY (?)");
                ps.setString(1, runId);
                ps.setString(2, se[0]);
                ps.setString(3, se[1]);
                ps.setArray(4, con.createArrayOf("text", ids.toArray()));
                return ps;
            });
        });
        DataSource target = jdbc.getDataSource();
        try (PgCopy copy = PgCopy.into(target, "ci_stg_row", COLUMNS)) {
            for (StagedRow row : chunk.getItems()) {
                copy.add(runId).add(row.source().name()).add(row.entity().name()).add(row.rowId()).add(row.personId())
                        .add(json.writeValueAsString(row.data()));
                copy.endRow();
            }
            copy.finish();
        }
    }
}
