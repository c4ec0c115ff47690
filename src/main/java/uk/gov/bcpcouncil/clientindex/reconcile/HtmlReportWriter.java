package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.Map;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

/**
 * Renders {@code report.html}: one self-contained page (no scripts, fonts or images from anywhere) that a
 * data owner reads in a browser. It shows counts and codes only, never a child's personal data.
 * Stateless and thread-safe.
 */
public final class HtmlReportWriter {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;margin:2rem;color:#1b1b1b;max-width:70rem}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b4f6c}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}
            th{background:#e8f0f3}td:first-child,th:first-child{text-align:left}
            .pass{color:#fff;background:#2e7d32;padding:.1rem .5rem;border-radius:.3rem}
            .fail{color:#fff;background:#c62828;padding:.1rem .5rem;border-radius:.3rem}
            .bar{display:inline-block;height:.9rem;background:#0b4f6c;vertical-align:middle}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
            .note{color:#555;font-size:.9rem}
            """;

    public String render(RunSummary s) {
        return render(s, "");
    }

    /** @param sections further sections rendered elsewhere (escaped HTML), e.g. {@link ExplainedPairsSection} */
    public String render(RunSummary s, String sections) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
                .append("<title>Client index reconciliation ").append(e(s.runId())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Children's client index: reconciliation report</h1>\n");
        h.append("<p>Overall: ").append(badge(s.balanced()))
                .append(s.balanced() ? " Every legacy record is accounted for." : " The control totals do not balance: do not sign off; see below.")
                .append("</p>\n");

        h.append("<h2>Run</h2><dl>");
        dt(h, "Run ID", s.runId());
        dt(h, "Mode", s.mode());
        dt(h, "Run date / label", s.runDate() + " / " + s.label());
        dt(h, "Started", s.startedAt());
        dt(h, "Report written", s.reportedAt());
        dt(h, "Mapping checksum (SHA-256)", s.mappingChecksum());
        s.mappingFiles().forEach((k, v) -> dt(h, "Mapping file " + k + " (SHA-256)", v));
        s.codeTableVersions().forEach((k, v) -> dt(h, "Code table " + k, "version " + v));
        s.christchurchDelivery().forEach((k, v) -> dt(h, "Christchurch " + k, v));
        h.append("</dl>\n");

        h.append("<h2>Control totals per source</h2>\n<p class=\"note\">Must hold for each source: read = indexed + rejected + excluded,")
                .append(" and read = the count queried from the source itself.</p>\n");
        h.append("<table><tr><th>Source</th><th>Count in source</th><th>Read</th><th>Indexed</th><th>Rejected</th>")
                .append("<th>Excluded</th><th>Result</th></tr>\n");
        for (SourceTotals t : s.sources()) {
            h.append("<tr><td>").append(e(t.source())).append("</td>").append(td(t.sourceCount())).append(td(t.read()))
                    .append(td(t.indexed())).append(td(t.rejected())).append(td(t.excluded())).append("<td>")
                    .append(badge(t.balanced())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h3>Rejected and excluded, by reason</h3><table><tr><th>Source</th><th>Outcome</th><th>Reason</th><th>Records</th></tr>");
        for (SourceTotals t : s.sources()) {
            t.rejectedByReason().forEach((r, n) -> h.append("<tr><td>").append(e(t.source())).append("</td><td>REJECTED</td><td>")
                    .append(e(r)).append("</td>").append(td(n)).append("</tr>"));
            t.excludedByReason().forEach((r, n) -> h.append("<tr><td>").append(e(t.source())).append("</td><td>EXCLUDED</td><td>")
                    .append(e(r)).append("</td>").append(td(n)).append("</tr>"));
        }
        h.append("</table>\n");

        RunSummary.Funnel f = s.funnel();
        h.append("<h2>Funnel</h2><table><tr><th>Stage</th><th>Count</th><th></th></tr>");
        long max = Math.max(1, f.extracted());
        funnel(h, "Extracted (legacy person records)", f.extracted(), max);
        funnel(h, "Rejected", f.rejected(), max);
        funnel(h, "Excluded (soft-deleted)", f.excluded(), max);
        funnel(h, "Mapped", f.mapped(), max);
        funnel(h, "Candidate pairs compared", f.candidatePairs(), Math.max(max, f.candidatePairs()));
        funnel(h, "Clients from more than one record", f.autoMergedClusters(), max);
        funnel(h, "Pairs awaiting review", f.inReview(), max);
        funnel(h, "Clients from one record", f.singletons(), max);
        funnel(h, "Clients in the index", f.clients(), max);
        h.append("</table>\n");

        RunSummary.Matching m = s.matching();
        h.append("<h2>Matching</h2><dl>");
        dt(h, "Candidate records", String.valueOf(m.candidateRecords()));
        dt(h, "Candidate pairs (distinct)", String.valueOf(m.candidatePairs()));
        dt(h, "Joins refused to prevent chaining", String.valueOf(m.chainBlocked()));
        dt(h, "Records merged in their source (Bournemouth)", String.valueOf(m.mergedInSource()));
        dt(h, "Clients spanning several systems", String.valueOf(m.crossSystemClusters()));
        dt(h, "Clients with duplicates inside one system", String.valueOf(m.withinSystemClusters()));
        h.append("</dl>");
        table(h, "Candidate pairs by blocking rule", "Rule", m.candidatePairsByBlock());
        table(h, "Decisions by rule (matches and guards that blocked a merge)", "Rule", m.decisionsByRule());
        table(h, "Clients by number of legacy records", "Records", m.clusterSizes());

        h.append("<h2>Identifier quality</h2><table><tr><th>Source / identifier</th><th>Status</th><th>Records</th></tr>");
        s.identifierQuality().forEach((k, byStatus) -> byStatus.forEach((status, n) -> h.append("<tr><td>").append(e(k))
                .append("</td><td>").append(e(status)).append("</td>").append(td(n)).append("</tr>")));
        h.append("</table>\n");

        h.append("<h2>Unmapped codes</h2>");
        if (s.unmappedCodes().isEmpty()) {
            h.append("<p>Every legacy code was mapped.</p>");
        } else {
            h.append("<table><tr><th>Source</th><th>Field</th><th>Legacy code</th><th>Records</th></tr>");
            for (RunSummary.UnmappedCode u : s.unmappedCodes()) {
                h.append("<tr><td>").append(e(u.source())).append("</td><td>").append(e(u.slot())).append("</td><td>")
                        .append(e(u.code())).append("</td>").append(td(u.count())).append("</tr>");
            }
            h.append("</table>");
        }
        h.append(sections);
        h.append("\n<p class=\"note\">The record-level outcomes are in lineage.csv beside this report; the figures are in summary.json.</p>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void funnel(StringBuilder h, String label, long n, long max) {
        int width = (int) Math.round(300.0 * n / max);
        h.append("<tr><td>").append(e(label)).append("</td>").append(td(n)).append("<td style=\"text-align:left\">")
                .append("<span class=\"bar\" style=\"width:").append(width).append("px\"></span></td></tr>");
    }

    private static void table(StringBuilder h, String title, String key, Map<String, Long> rows) {
        h.append("<h3>").append(e(title)).append("</h3><table><tr><th>").append(e(key)).append("</th><th>Count</th></tr>");
        rows.forEach((k, v) -> h.append("<tr><td>").append(e(k)).append("</td>").append(td(v)).append("</tr>"));
        h.append("</table>\n");
    }

    private static void dt(StringBuilder h, String term, String value) {
        h.append("<dt>").append(e(term)).append("</dt><dd>").append(e(value)).append("</dd>");
    }

    private static String td(long n) {
        return "<td>" + String.format("%,d", n) + "</td>";
    }

    private static String badge(boolean pass) {
        return pass ? "<span class=\"pass\">PASSED</span>" : "<span class=\"fail\">FAILED</span>";
    }

    private static String e(String s) {
        return s == null ? "" : escapeHtml4(s);
    }
}
