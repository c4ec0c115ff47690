package uk.gov.bcpcouncil.clientindex.extract;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.infra.ArrayUpsert;
import uk.gov.bcpcouncil.clientindex.infra.BinaryCopyRows;
import uk.gov.bcpcouncil.clientindex.infra.CopyFirst;

/**
 * Writes legacy rows into the run's partition of {@code ci_stg_row} ({@link StagingPartitions}): one binary
 * {@code COPY} per chunk ({@link CopyFirst}, {@link BinaryCopyRows}), or, when a key of the chunk is staged already,
 * one statement ({@link #UPSERT}).
 * <p>Idempotent: in an attempt of the run whose partition was there before it (a restart), the partition has its
 * unique row key (source, entity, row id), and a row whose key is already staged is replaced, so a chunk written
 * again leaves exactly one row per legacy row. In the attempt that made the partition, it has no such key (the
 * lookup indexes are built after the load): a chunk is written once, since its rows commit in the same
 * transaction as the step's checkpoint. Runs inside the step's chunk transaction on the target
 * {@code DataSource}, which also holds the checkpoint: the rows and the checkpoint commit or roll back together.
 * Thread-safe (the partition's name and whether it has the row key are looked up once, on first write), so
 * partitions of one step may share it. No restart keys of its own: the step's reader holds the position.
 * <p>Reject limit: after writing a chunk holding a malformed row ({@link RowChecks#MALFORMED}), it counts the
 * run's malformed rows of that source (committed chunks and this one, so the count is right after any restart)
 * and fails the step with {@link RejectLimitExceededException} when there are more than the source's
 * {@code clientindex.sources.<source>.reject-limit}; the chunk is rolled back.
 */
public class StagingWriter implements ItemWriter<StagedRow> {

    /** The columns a chunk's {@code COPY} fills. */
    static final List<String> COLUMNS = List.of("run_id", "source_system", "entity", "row_id", "person_id", "data",
            "malformed");

    /**
     * The chunk's statement when a key of it is staged already: the rows as arrays, inserted, or replacing the row
     * of the same key (a chunk written by an earlier attempt). The conflict is found on the primary key itself,
     * whatever the table's statistics: the delete-then-{@code COPY} it replaced chose, on a staging table not yet
     * analysed, an index of persons and scanned the run's rows of the entity at every chunk (about 2,000 rows a
     * second at 100,000 children).
     */
    static final String UPSERT = "INSERT INTO %s (run_id, source_system, entity, row_id, person_id, data, malformed)"
            + " SELECT ?, t.s, t.e, t.r, t.p, t.d::json, t.m::boolean"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(s, e, r, p, d, m)"
            + " ON CONFLICT (source_system, entity, row_id) DO UPDATE SET person_id = EXCLUDED.person_id,"
            + " data = EXCLUDED.data, malformed = EXCLUDED.malformed, carried = FALSE";

    private final JdbcTemplate jdbc;
    private final String runId;
    /** The run's malformed rows of a source, counted on the partition's index of them (V19). */
    private static final String MALFORMED_COUNT = "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ?"
            + " AND source_system = ? AND malformed";

    private final Map<SourceSystem, Integer> rejectLimits;
    private volatile Partition partition;

    /** The run's partition, and whether it has the unique row key (a conflict can then be replaced). */
    private record Partition(String table, boolean rowKey) {
    }

    public StagingWriter(JdbcTemplate jdbc, String runId, Map<SourceSystem, Integer> rejectLimits) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.rejectLimits = rejectLimits;
    }

    private Partition partition() {
        Partition p = partition;
        if (p == null) {
            String table = StagingPartitions.name(jdbc, runId);
            p = new Partition(table, StagingPartitions.hasRowKey(jdbc, runId));
            partition = p;
        }
        return p;
    }

    @Override
    public void write(Chunk<? extends StagedRow> chunk) {
        List<? extends StagedRow> items = chunk.getItems();
        if (items.isEmpty()) {
            return;
        }
        String[] sources = new String[items.size()];
        String[] entities = new String[items.size()];
        String[] rowIds = new String[items.size()];
        String[] personIds = new String[items.size()];
        String[] data = new String[items.size()];
        boolean[] flagged = new boolean[items.size()];
        Set<SourceSystem> malformed = EnumSet.noneOf(SourceSystem.class);
        for (int i = 0; i < items.size(); i++) {
            StagedRow row = items.get(i);
            sources[i] = row.source().name();
            entities[i] = row.entity().name();
            rowIds[i] = row.rowId();
            personIds[i] = row.personId();
            data[i] = FlatJson.write(row.data());
            flagged[i] = row.data().containsKey(RowChecks.MALFORMED);
            if (flagged[i]) {
                malformed.add(row.source());
            }
        }
        Partition target = partition();
        // binary COPY: each value sent with its length, so neither side escapes or scans the rows' JSON text
        BinaryCopyRows rows = new BinaryCopyRows(items.size() * 384);
        for (int i = 0; i < sources.length; i++) {
            rows.row(COLUMNS.size()).text(runId).text(sources[i]).text(entities[i]).text(rowIds[i]).text(personIds[i])
                    .text(data[i]) // json's binary form is its text
                    .bool(flagged[i]);
        }
        boolean copied = CopyFirst.write(jdbc.getDataSource(), target.table(), COLUMNS, rows);
        if (!copied) { // the chunk, or part of it, was written before (a replayed chunk): replace its rows
            if (!target.rowKey()) {
                throw new IllegalStateException("A chunk of run " + runId + " holds a person record staged already,"
                        + " in the attempt that made the run's staging: the source holds the same record id twice");
            }
            String[] flags = new String[flagged.length]; // the same flags as the COPY's, as text for the arrays
            for (int i = 0; i < flagged.length; i++) {
                flags[i] = Boolean.toString(flagged[i]);
            }
            ArrayUpsert.run(jdbc, String.format(Locale.ROOT, UPSERT, target.table()), runId, sources, entities,
                    rowIds, personIds, data, flags);
        }
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
