package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether two runs built the same index: the same clusters (sets of legacy records), the same golden fields
 * for each, the same client ID for each cluster (an ID each run created on its own counts as the same, as
 * created IDs are never reused: two runs beside each other number theirs apart), and the same counts of
 * ID events. Used to prove an incremental run agrees with a full run. Stateless.
 */
public final class IndexComparison {

    private IndexComparison() {
    }

    /** The differences, at most {@code limit} described; empty when the two indexes agree. */
    public static List<String> differences(JdbcTemplate jdbc, String a, String b, int limit) {
        Map<String, String> clientsA = clients(jdbc, a);
        Map<String, String> clientsB = clients(jdbc, b);
        Set<String> createdA = created(jdbc, a);
        Set<String> createdB = created(jdbc, b);
        List<String> diffs = new ArrayList<>();
        Set<String> all = new HashSet<>(clientsA.keySet());
        all.addAll(clientsB.keySet());
        for (String members : new java.util.TreeSet<>(all)) {
            String rowA = clientsA.get(members);
            String rowB = clientsB.get(members);
            if (rowA == null || rowB == null) {
                diffs.add("a client with " + members.split(",").length + " record(s) is only in run "
                        + (rowA == null ? b : a));
                continue;
            }
            String idA = rowA.substring(0, rowA.indexOf('|'));
            String idB = rowB.substring(0, rowB.indexOf('|'));
            boolean sameId = idA.equals(idB) || createdA.contains(idA) && createdB.contains(idB);
            if (!sameId) {
                diffs.add("client " + idA + " of run " + a + " is " + idB + " in run " + b);
            } else if (!rowA.substring(idA.length()).equals(rowB.substring(idB.length()))) {
                diffs.add("client " + idA + " has other golden values in run " + b);
            }
            if (diffs.size() >= limit) {
                return diffs;
            }
        }
        Map<String, Long> eventsA = eventCounts(jdbc, a);
        Map<String, Long> eventsB = eventCounts(jdbc, b);
        if (!eventsA.equals(eventsB)) {
            diffs.add("ID events differ: " + eventsA + " against " + eventsB);
        }
        return diffs;
    }

    /** Members (sorted, comma-joined) to "client_id|golden fields". */
    private static Map<String, String> clients(JdbcTemplate jdbc, String run) {
        Map<String, String> m = new HashMap<>();
        jdbc.query("SELECT (SELECT string_agg(e, ',' ORDER BY e) FROM unnest(members) e),"
                + " client_id || '|' || concat_ws('|', given_name, family_name, birth_date, expected_birth_date, sex,"
                + " nhs_number, upn, ethnicity, postcode) FROM ci_client WHERE run_id = ?", rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                }, run);
        return m;
    }

    private static Set<String> created(JdbcTemplate jdbc, String run) {
        return new HashSet<>(jdbc.queryForList("SELECT client_id FROM ci_client_id_event WHERE run_id = ?"
                + " AND event = 'CREATED'", String.class, run));
    }

    /**
     * A run's client ID events by kind (every kind, 0 for none): the stored ones counted, and the CREATED ones its
     * block of new IDs holds (the size of the block, not a row per ID as {@code ci_client_id_event} lists them).
     */
    public static Map<String, Long> eventCounts(JdbcTemplate jdbc, String run) {
        Map<String, Long> m = new TreeMap<>();
        for (String kind : List.of("CREATED", "MERGED", "SPLIT", "RETIRED")) {
            m.put(kind, 0L);
        }
        jdbc.query("SELECT event, COUNT(*) FROM ci_client_id_change WHERE run_id = ? GROUP BY event UNION ALL"
                + " SELECT 'CREATED', SUM(last_seq - first_seq + 1) FROM ci_client_id_block WHERE issued_run = ?"
                + " HAVING COUNT(*) > 0", rs -> {
                    m.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }, run, run);
        return m;
    }
}
