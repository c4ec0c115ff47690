package uk.gov.bcpcouncil.clientindex.extract;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Writes legacy rows into {@code ci_stg_row} for one run.
 * <p>Idempotent: an upsert on (run, source, entity, row id), so a chunk replayed after a restart
 * leaves exactly one row per legacy row. Runs inside the step's chunk transaction on the target
 * {@code DataSource}, which also holds the checkpoint. Thread-safe (no mutable state). No restart keys of
 * its own: the step's reader holds the position.
 * <p>Reject limit: after writing a chunk holding a malformed row ({@link RowChecks#MALFORMED}), it counts the
 * run's malformed rows of that source (committed chunks and this one, so the count is right after any restart)
 * and fails the step with {@link RejectLimitExceededException} when there are more than the source's
 * {@code clientindex.sources.<source>.reject-limit}; the chunk is rolled back.
 */
public class StagingWriter implements ItemWriter<StagedRow> {

    private static final String UPSERT = """
            INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (run_id, source_system, entity, row_id)
            DO UPDATE SET person_id = EXCLUDED.person_id, data = EXCLUDED.data""";

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
        List<? extends StagedRow> rows = chunk.getItems();
        jdbc.batchUpdate(UPSERT, rows, rows.size(), (ps, row) -> {
            ps.setString(1, runId);
            ps.setString(2, row.source().name());
            ps.setString(3, row.entity().name());
            ps.setString(4, row.rowId());
            ps.setString(5, row.personId());
            ps.setString(6, json.writeValueAsString(row.data()));
        });
        Set<SourceSystem> malformed = EnumSet.noneOf(SourceSystem.class);
        rows.stream().filter(r -> r.data().containsKey(RowChecks.MALFORMED)).forEach(r -> malformed.add(r.source()));
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
