package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code exceptions.csv} (Excel-safe, see {@link ExcelCsv}): every record of the run that was rejected
 * or excluded, every legacy code left unmapped (one row per record and field) and every record read but not
 * accounted for, by source and record ID, with the reason. Record IDs and codes only, no personal values.
 * Idempotent (rewrites the file); stateless.
 */
public final class ExceptionsCsvWriter {

    public static final String[] HEADER = { "source_system", "source_record_id", "kind", "reason", "field", "legacy_code" };

    private final JdbcTemplate jdbc;

    public ExceptionsCsvWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String runId, Path file) throws IOException {
        try (ExcelCsv csv = ExcelCsv.create(file, HEADER)) {
            jdbc.query("""
                    SELECT source_system, source_record_id, kind, reason, field, code FROM (
                      SELECT source_system, source_record_id, outcome AS kind, reason, NULL AS field, NULL AS code
                        FROM ci_mapped_record WHERE run_id = ? AND outcome IN ('REJECTED', 'EXCLUDED')
                      UNION ALL
                      SELECT m.source_system, m.source_record_id, 'UNMAPPED_CODE', 'NO_MAPPING', u.slot, u.code
                        FROM ci_mapped_record m CROSS JOIN LATERAL unnest(m.unmapped_slots, m.unmapped_codes) u (slot, code)
                        WHERE m.run_id = ?
                      UNION ALL
                      SELECT s.source_system, s.row_id, 'NOT_ACCOUNTED_FOR',
                             CASE WHEN m.run_id IS NULL THEN 'NOT_MAPPED' ELSE 'NOT_INDEXED' END, NULL, NULL
                        FROM ci_stg_row s
                        LEFT JOIN ci_mapped_record m ON m.run_id = s.run_id AND m.source_system = s.source_system
                             AND m.source_record_id = s.row_id
                        LEFT JOIN ci_client_xref x ON x.run_id = s.run_id AND x.source_system = s.source_system
                             AND x.source_record_id = s.row_id
                        WHERE s.run_id = ? AND s.entity = 'PERSON' AND x.client_id IS NULL
                          AND (m.outcome IS NULL OR m.outcome NOT IN ('REJECTED', 'EXCLUDED'))
                    ) t ORDER BY source_system,
                      CASE WHEN source_record_id ~ '^[0-9]{1,20}$' THEN lpad(source_record_id, 20, '0') ELSE source_record_id END,
                      kind, field, code
                    """, rs -> {
                try {
                    csv.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runId, runId, runId);
        }
    }
}
