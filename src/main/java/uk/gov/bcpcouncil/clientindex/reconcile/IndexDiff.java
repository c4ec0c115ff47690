package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The difference between a run's index and its basis (the live index, else the last completed run), client
 * by client: {@code ADDED} (an ID the basis does not have), {@code REMOVED} (a basis ID this run does not
 * have: merged or retired, see the ID events) and {@code CHANGED} (same ID, another value in a golden field or
 * other legacy records), written as {@code diff-from-live.csv} ({@code client_id,change,fields}, sorted by
 * client ID; field names only, never values) and counted. Stateless; thread-safe.
 */
public final class IndexDiff {

    static final String[] FIELDS = { "given_name", "family_name", "birth_date", "expected_birth_date", "sex",
        "nhs_number", "upn", "ethnicity", "postcode" };

    private final JdbcTemplate jdbc;

    public IndexDiff(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the CSV (header only without a basis) and returns the counts of each change, and unchanged. */
    public Map<String, Long> write(String runId, String basis, Path csv) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("added", 0L);
        counts.put("removed", 0L);
        counts.put("changed", 0L);
        counts.put("unchanged", 0L);
        StringBuilder fields = new StringBuilder();
        for (String f : FIELDS) {
            fields.append(", CASE WHEN r.").append(f).append(" IS DISTINCT FROM b.").append(f).append(" THEN '")
                    .append(f).append("' END");
        }
        String sql = "SELECT COALESCE(r.client_id, b.client_id) AS id, CASE WHEN b.client_id IS NULL THEN 'ADDED'"
                + " WHEN r.client_id IS NULL THEN 'REMOVED' ELSE 'CHANGED' END AS change,"
                + " CASE WHEN r.client_id IS NULL OR b.client_id IS NULL THEN '' ELSE concat_ws(';'" + fields
                + ", CASE WHEN r.members IS DISTINCT FROM b.members THEN 'members' END) END AS fields"
                + " FROM (SELECT * FROM ci_client WHERE run_id = ?) r FULL JOIN (SELECT * FROM ci_client WHERE run_id = ?) b"
                + " ON b.client_id = r.client_id ORDER BY 1";
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader("client_id", "change", "fields").get()
                        .print(out)) {
            if (basis == null) {
                return counts;
            }
            jdbc.setFetchSize(1000);
            jdbc.query(sql, rs -> {
                String change = rs.getString(2);
                String changed = rs.getString(3);
                if (change.equals("CHANGED") && changed.isEmpty()) {
                    counts.merge("unchanged", 1L, Long::sum);
                    return;
                }
                counts.merge(change.toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
                try {
                    printer.printRecord(rs.getString(1), change, changed);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runId, basis);
        }
        return counts;
    }
}
