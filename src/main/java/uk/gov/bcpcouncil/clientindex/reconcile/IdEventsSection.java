package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.reconcile.report.Html;

/**
 * The report section "Client ID events": against the run's basis (the live index, else the last completed
 * run), how many client IDs were CREATED, MERGED, SPLIT and RETIRED ({@code ci_client_id_event}), and the first
 * {@value #LISTED} events of each kind in ID order with the related ID (a merged ID's successor, a split's other
 * part). Client IDs and counts only, never a name, date or identifier of a child. Stateless apart from the
 * JdbcTemplate; thread-safe.
 */
public final class IdEventsSection {

    /** The section's anchor id. */
    public static final String ID = "client-id-events";
    static final int LISTED = 50;
    static final List<String> KINDS = List.of("CREATED", "MERGED", "SPLIT", "RETIRED");

    private final JdbcTemplate jdbc;

    public IdEventsSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The section's HTML, its heading included. */
    public String html(String runId, String basisRun, boolean basisIsLive) {
        StringBuilder h = new StringBuilder("<h2>Client ID events</h2>\n");
        if (basisRun == null) {
            return h.append("<p>No earlier index to compare with: every client ID of this run is new (CREATED).</p>\n")
                    .toString();
        }
        h.append("<p>Compared with ").append(basisIsLive ? "the live index, run " : "the last completed run, ")
                .append("<strong>").append(Html.e(basisRun)).append("</strong>.</p>\n");
        Map<String, Long> counts = new LinkedHashMap<>();
        KINDS.forEach(k -> counts.put(k, 0L));
        counts.putAll(uk.gov.bcpcouncil.clientindex.load.IndexComparison.eventCounts(jdbc, runId));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] { "CREATED", "a new client ID (a child not in the basis, or the smaller part of a split)",
                counts.get("CREATED") });
        rows.add(new Object[] { "MERGED", "an ID retired into its successor (two clients found to be one child)",
                counts.get("MERGED") });
        rows.add(new Object[] { "SPLIT", "an ID kept by one part while its other records went to another client",
                counts.get("SPLIT") });
        rows.add(new Object[] { "RETIRED", "an ID none of whose records is indexed any more (deleted, soft-deleted,"
                + " rejected); no successor", counts.get("RETIRED") });
        counts.forEach((k, n) -> {
            if (!KINDS.contains(k)) {
                rows.add(new Object[] { k, "", n });
            }
        });
        h.append(Html.table(List.of("Event", "Meaning", "#Client IDs"), rows, java.util.Arrays::asList));
        for (String kind : counts.keySet()) {
            List<Object[]> events = jdbc.query("SELECT client_id, related_id FROM ci_client_id_event WHERE run_id = ?"
                    + " AND event = ? ORDER BY client_id, related_id LIMIT " + LISTED, (rs, i) -> new Object[] {
                            rs.getString(1), rs.getString(2) }, runId, kind);
            if (events.isEmpty()) {
                continue;
            }
            long all = counts.get(kind);
            h.append("<h3>").append(Html.e(kind)).append(all > events.size() ? " (the first " + events.size() + " of "
                    + Html.n(all) + ", by ID)" : "").append("</h3>\n");
            String related = switch (kind) {
                case "MERGED" -> "Successor";
                case "SPLIT" -> "Other part";
                default -> "Related ID";
            };
            h.append(kind.equals("CREATED") || kind.equals("RETIRED")
                    ? Html.table(List.of("Client ID"), events, e -> List.of(e[0]))
                    : Html.table(List.of("Client ID", related), events, java.util.Arrays::asList));
        }
        h.append(Html.note("Every event is counted in summary.json (index.idEvents); diff-from-live.csv lists the"
                + " clients added, removed or changed. When this run is"
                + " promoted, its MERGED and RETIRED IDs are recorded with their successor, so an old ID can always be"
                + " followed to the child's current one."));
        return h.toString();
    }
}
