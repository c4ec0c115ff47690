package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares a run with a reference run of the same legacy data (an uninterrupted one): its {@code lineage.csv}
 * line by line, its client index (client ID, cluster, member count, first name, NHS number), its
 * cross-reference (every legacy record to its client ID) and its staging (rows and distinct keys). Identical
 * means nothing lost, nothing duplicated and the same client IDs. Used by the kill-and-restart harness,
 * the reliability benchmark and the fault tests. Reads only; thread-safe.
 *
 * @param target    the run's target database
 * @param reports   the run's reports folder ({@code clientindex.reports.directory})
 * @param runId     the run
 */
public record RunComparison(DataSource target, Path reports, String runId) {

    private static final int MAX_DIFFERENCES = 20;

    /** The differences from {@code reference} (at most a few of each kind); empty when identical. */
    public List<String> differencesFrom(RunComparison reference) {
        List<String> differences = new ArrayList<>();
        List<String> expected = lines(reference.reports.resolve(reference.runId).resolve("lineage.csv"));
        List<String> actual = lines(reports.resolve(runId).resolve("lineage.csv"));
        if (expected.isEmpty()) {
            differences.add("the reference run has no lineage.csv");
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && differences.size() < MAX_DIFFERENCES; i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                differences.add("lineage line " + (i + 1) + ": expected " + e + " but was " + a);
            }
        }
        compare(differences, "client index", reference.rows(INDEX), rows(INDEX));
        compare(differences, "cross-reference", reference.rows(XREF), rows(XREF));
        compare(differences, "staging rows/distinct keys", reference.rows(STAGED), rows(STAGED));
        return differences;
    }

    private static final String INDEX = "SELECT client_id || '|' || cluster_key || '|' || member_count || '|'"
            + " || coalesce(given_name, '') || '|' || coalesce(nhs_number, '') FROM ci_client WHERE run_id = ? ORDER BY 1";
    private static final String XREF = "SELECT source_system || ':' || source_record_id || '=' || client_id"
            + " FROM ci_client_xref WHERE run_id = ? ORDER BY 1";
    private static final String STAGED = "SELECT COUNT(*) || '/' || COUNT(DISTINCT (source_system, entity, row_id))"
            + " FROM ci_stg_row WHERE run_id = ?";

    private List<String> rows(String sql) {
        return new JdbcTemplate(target).queryForList(sql, String.class, runId);
    }

    private static void compare(List<String> differences, String what, List<String> expected, List<String> actual) {
        if (expected.isEmpty()) {
            differences.add("the reference run has no " + what);
        } else if (!expected.equals(actual)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<String> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            differences.add(what + ": " + expected.size() + " rows expected, " + actual.size() + " found, "
                    + missing.size() + " missing, " + extra.size() + " unexpected");
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
