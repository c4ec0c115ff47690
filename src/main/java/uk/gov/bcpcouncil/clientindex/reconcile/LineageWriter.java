package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code lineage.csv}: one row for every legacy person record read in the run (UTF-8, header,
 * RFC 4180), sorted by source system then record ID (numeric IDs in numeric order), with its outcome:
 * {@code INDEXED} with its client ID, {@code REJECTED} or {@code EXCLUDED} with the reason code. While
 * writing it counts the outcomes per source, so the control totals are computed from the very rows the
 * data owners read. A record that was accepted but is not in the index is written as REJECTED with
 * {@code NOT_INDEXED} and counted as an anomaly, which fails the balance.
 */
public final class LineageWriter {

    public static final String[] HEADER = { "source_system", "source_record_id", "outcome", "client_id", "reason" };

    /** Per-source counts from the lineage rows. */
    public static final class Counts {
        public final Map<String, long[]> bySource = new TreeMap<>(); // indexed, rejected, excluded
        public final Map<String, Map<String, Long>> rejectedReasons = new TreeMap<>();
        public final Map<String, Map<String, Long>> excludedReasons = new TreeMap<>();
        public long anomalies;
        /** Records read but neither indexed, rejected nor excluded, per source: they fail the identity. */
        public final Map<String, Long> anomaliesBySource = new TreeMap<>();
    }

    private final JdbcTemplate jdbc;

    public LineageWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Counts write(String runId, Path file) throws IOException {
        Counts counts = new Counts();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            jdbc.setFetchSize(5000);
            jdbc.query("""
                    SELECT s.source_system, s.row_id, m.outcome, m.reason, x.client_id
                    FROM ci_stg_row s
                    LEFT JOIN ci_mapped_record m ON m.run_id = s.run_id AND m.source_system = s.source_system
                         AND m.source_record_id = s.row_id
                    LEFT JOIN ci_client_xref x ON x.run_id = s.run_id AND x.source_system = s.source_system
                         AND x.source_record_id = s.row_id
                    WHERE s.run_id = ? AND s.entity = 'PERSON'
                    ORDER BY s.source_system COLLATE "C",
                         CASE WHEN s.row_id ~ '^[0-9]{1,20}$' THEN lpad(s.row_id, 20, '0') ELSE s.row_id END COLLATE "C",
                         s.row_id COLLATE "C"
                    """, rs -> {
                String source = rs.getString(1);
                String id = rs.getString(2);
                String mapped = rs.getString(3);
                String reason = rs.getString(4);
                String client = rs.getString(5);
                String outcome;
                if (client != null) {
                    outcome = "INDEXED";
                    reason = null;
                } else if ("EXCLUDED".equals(mapped)) {
                    outcome = "EXCLUDED";
                } else if ("REJECTED".equals(mapped)) {
                    outcome = "REJECTED";
                } else {
                    outcome = "REJECTED";
                    reason = mapped == null ? "NOT_MAPPED" : "NOT_INDEXED";
                    counts.anomalies++;
                    counts.anomaliesBySource.merge(source, 1L, Long::sum);
                }
                long[] c = counts.bySource.computeIfAbsent(source, k -> new long[3]);
                boolean anomaly = client == null && !"EXCLUDED".equals(mapped) && !"REJECTED".equals(mapped);
                if (!anomaly) { // an anomaly is written as REJECTED for the reader but not counted: the identity fails
                    switch (outcome) {
                        case "INDEXED" -> c[0]++;
                        case "REJECTED" -> {
                            c[1]++;
                            counts.rejectedReasons.computeIfAbsent(source, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
                        }
                        default -> {
                            c[2]++;
                            counts.excludedReasons.computeIfAbsent(source, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
                        }
                    }
                }
                try {
                    csv.printRecord(source, id, outcome, client, reason);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runId);
        }
        return counts;
    }
}
