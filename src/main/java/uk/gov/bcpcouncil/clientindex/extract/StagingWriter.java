package uk.gov.bcpcouncil.clientindex.extract;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.infra.PgCopy;

/**
 * Writes legacy rows into {@code ci_stg_row} for one run, with {@code COPY}.
 * <p>Idempotent: the chunk first deletes the rows of its own keys (run, source, entity, row id) and then
 * copies its rows, so a chunk replayed after a restart leaves exactly one row per legacy row. Runs inside
 * the step's chunk transaction on the target {@code DataSource}, which also holds the checkpoint: the
 * delete, the COPY and the checkpoint commit or roll back together. Thread-safe (no mutable state), so
 * partitions of one step may share it. No restart keys of its own: the step's reader holds the position.
 * <p>Reject limit: after writing a chunk holding a malformed row ({@link RowChecks#MALFORMED}), it counts the
 * run's malformed rows of that source (committed chunks and this one, so the count is right after any restart)
 * and fails the step with {@link RejectLimitExceededException} when there are more than the source's
 * {@code clientindex.sources.<source>.reject-limit}; the chunk is rolled back.
 */
public class StagingWriter implements ItemWriter<StagedRow> {

    static final List<String> COLUMNS = List.of("run_id", "source_system", "entity", "row_id", "person_id", "data");

    private final JdbcTemplate jdbc;
    private final String runId;
    private static final String MALFORMED_COUNT = "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND source_system = ?"
            + " AND data ?? '" + RowChecks.MALFORMED + "'";

    private final JsonMapper json;
    private final Map<SourceSystem, Integer> rejectLimits;

    public StagingWriter(JdbcTemplate jdbc, String runId, JsonMapper json, Map<SourceSystem, Integer> rejectLimits) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
        this.rejectLimits = rejectLimits;
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
        Set<SourceSystem> malformed = EnumSet.noneOf(SourceSystem.class);
        chunk.getItems().stream().filter(r -> r.data().containsKey(RowChecks.MALFORMED)).forEach(r -> malformed.add(r.source()));
        for (SourceSystem source : malformed) {
            long count = jdbc.queryForObject(MALFORMED_COUNT, Long.class, runId, source.name());
            int limit = rejectLimits.getOrDefault(source, 0);
            if (count > limit) {
                String property = "clientindex.sources." + source.name().toLowerCase(Locale.ROOT) + ".reject-limit";
                throw new RejectLimitExceededException(String.format(Locale.ROOT,
                        "%s has more malformed rows than its reject limit: %,d rejected so far, the limit (%s) is %,d."
                        + " Each is staged with its reason (key %s of ci_stg_row.data, run %s). Have the source"
                        + " corrected, or raise %s and run ./run.sh restart", source, count, property, limit,
                        RowChecks.MALFORMED, runId, property));
            }
        }
    }
}
