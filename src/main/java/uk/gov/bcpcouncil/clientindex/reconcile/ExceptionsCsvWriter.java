package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code exceptions.csv} (Excel-safe, see {@link ExcelCsv}): every record of the run that was rejected
 * or excluded, every legacy code left unmapped (one row per record and field) and every record read but not
 * accounted for, by source and record ID ({@link RecordIdOrder}), then kind, field and code, with the reason.
 * Record IDs and codes only, no personal values. The records not accounted for are the ones {@code lineage.csv}
 * found ({@link LineageWriter.Counts#notAccountedFor}): one join of the staged persons with their outcomes serves
 * both files. Idempotent (rewrites the file); stateless.
 */
public final class ExceptionsCsvWriter {

    public static final String[] HEADER = { "source_system", "source_record_id", "kind", "reason", "field", "legacy_code" };

    private static final String READ_SQL = """
            SELECT source_system, source_record_id, outcome AS kind, reason, NULL AS field, NULL AS code
              FROM ci_mapped_record WHERE run_id = ? AND outcome IN ('REJECTED', 'EXCLUDED')
            UNION ALL
            SELECT m.source_system, m.source_record_id, 'UNMAPPED_CODE', 'NO_MAPPING', u.slot, u.code
              FROM ci_mapped_record m CROSS JOIN LATERAL unnest(m.unmapped_slots, m.unmapped_codes) u (slot, code)
              WHERE m.run_id = ?
            """;

    private static final Comparator<Row> ORDER = (a, b) -> {
        int c = RecordIdOrder.compare(a.source(), a.key(), a.id(), b.source(), b.key(), b.id());
        if (c == 0) {
            c = RecordIdOrder.codePoints(a.kind(), b.kind());
        }
        if (c == 0) {
            c = RecordIdOrder.codePoints(a.field(), b.field());
        }
        return c != 0 ? c : RecordIdOrder.codePoints(a.code(), b.code());
    };

    private record Row(String source, String key, String id, String kind, String reason, String field, String code) {
    }

    private final JdbcTemplate jdbc;

    public ExceptionsCsvWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String runId, List<LineageWriter.NotAccountedFor> notAccountedFor, Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        jdbc.setFetchSize(5000);
        jdbc.query(READ_SQL, rs -> {
            String id = rs.getString(2);
            rows.add(new Row(rs.getString(1), RecordIdOrder.key(id), id, rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6)));
        }, runId, runId);
        for (LineageWriter.NotAccountedFor n : notAccountedFor) {
            rows.add(new Row(n.source(), RecordIdOrder.key(n.id()), n.id(), "NOT_ACCOUNTED_FOR", n.reason(), null, null));
        }
        rows.sort(ORDER);
        try (ExcelCsv csv = ExcelCsv.create(file, HEADER)) {
            for (Row r : rows) {
                csv.row(r.source(), r.id(), r.kind(), r.reason(), r.field(), r.code());
            }
        }
    }
}
