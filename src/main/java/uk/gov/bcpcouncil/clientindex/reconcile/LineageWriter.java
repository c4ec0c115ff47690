package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
 * {@code NOT_INDEXED} and counted as an anomaly, which fails the balance. The rows are sorted in memory (about
 * 150 bytes a record: 200 MB at a million children). Stateless; one call at a time per instance.
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
        /** Those records, in lineage order, for {@code exceptions.csv}. */
        public final List<NotAccountedFor> notAccountedFor = new ArrayList<>();
    }

    /** A record read but neither indexed, rejected nor excluded: {@code NOT_MAPPED} or {@code NOT_INDEXED}. */
    public record NotAccountedFor(String source, String id, String reason) {
    }

    private final JdbcTemplate jdbc;

    public LineageWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of the lineage, read before it is sorted. */
    private record Row(String source, String key, String id, String mapped, String reason, String client) {
    }

    /**
     * The run's persons as staged, with their mapped outcome and client, read in the order the server finds them
     * (a sort there cost as much again as the joins: 3 to 4 s of the server at a million children, the sort key
     * computed for every row) and sorted here on both cores ({@link RecordIdOrder}). The joins are on the run's rows
     * of each table, so their keys are the source and record ID only.
     * <p>A record's client is joined to its mapped record, and that pair to the staged person: every cross-reference
     * is of a mapped record ({@code buildClientIndex} fails on a cluster member without one), and a staged person
     * without a mapped record is {@code NOT_MAPPED} whatever else the tables hold. Joined to the staged person
     * directly, whose record IDs the planner's statistics count over all the staged entities (a person's ID is also
     * an address's or an involvement's), the cross-references' join was estimated at 44 million rows instead of 1.3
     * million and planned as one index descent per person: at a million children the query took 12.5 s that way and
     * 3.7-4.1 s as two hash joins (local PostgreSQL 15, same rows, under {@code EXPLAIN ANALYZE}).
     */
    private static final String READ_SQL = """
            SELECT s.source_system, s.row_id, m.outcome, m.reason, m.client_id
            FROM (SELECT source_system, row_id FROM ci_stg_row WHERE run_id = ? AND entity = 'PERSON') s
            LEFT JOIN (SELECT m.source_system, m.source_record_id, m.outcome, m.reason, x.client_id
                       FROM ci_mapped_record m LEFT JOIN ci_client_xref x ON x.run_id = m.run_id
                            AND x.source_system = m.source_system AND x.source_record_id = m.source_record_id
                       WHERE m.run_id = ?) m
                 ON m.source_system = s.source_system AND m.source_record_id = s.row_id
            """;

    public Counts write(String runId, Path file) throws IOException {
        Counts counts = new Counts();
        List<Row> read = new ArrayList<>();
        Map<String, String> shared = new HashMap<>(); // the few distinct sources, outcomes and reasons, held once
        jdbc.setFetchSize(5000);
        jdbc.query(READ_SQL, rs -> {
            String id = rs.getString(2);
            read.add(new Row(one(shared, rs.getString(1)), RecordIdOrder.key(id), id, one(shared, rs.getString(3)),
                    one(shared, rs.getString(4)), rs.getString(5)));
        }, runId, runId);
        Row[] rows = read.toArray(new Row[0]);
        read.clear();
        Arrays.parallelSort(rows, (a, b) -> RecordIdOrder.compare(a.source(), a.key(), a.id(), b.source(), b.key(),
                b.id()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (Row row : rows) {
                String source = row.source();
                String mapped = row.mapped();
                String reason = row.reason();
                String client = row.client();
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
                    counts.notAccountedFor.add(new NotAccountedFor(source, row.id(), reason));
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
                csv.printRecord(source, row.id(), outcome, client, reason);
            }
        }
        return counts;
    }

    /** The one instance of a value among equal ones (null stays null). */
    private static String one(Map<String, String> shared, String value) {
        return value == null ? null : shared.computeIfAbsent(value, v -> v);
    }
}
