package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.ArrayList;
import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;
import uk.gov.bcpcouncil.clientindex.reconcile.SourceTotals;

/** Per source: the count in the source (queried independently), read, indexed, rejected, excluded, PASSED/FAILED. */
public final class ControlTotalsSection implements ReportSection {

    @Override
    public String id() {
        return "control-totals";
    }

    @Override
    public String title() {
        return "Is every record accounted for? (control totals per source)";
    }

    @Override
    public String body(RunSummary s) {
        StringBuilder h = new StringBuilder();
        h.append(Html.note("For each source two things must hold: records read = indexed + rejected + excluded,"
                + " and records read = the count queried from the source system itself, separately from the extract."));
        h.append(Html.table(List.of("Source", "#Count in source", "#Read", "#Indexed", "#Rejected", "#Excluded",
                "read = indexed + rejected + excluded", "read = count in source", "Result"), s.sources(),
                t -> List.of(t.source(), t.sourceCount(), t.read(), t.indexed(), t.rejected(), t.excluded(),
                        new Html.Raw(Html.badge(t.read() == t.indexed() + t.rejected() + t.excluded())),
                        new Html.Raw(Html.badge(t.read() == t.sourceCount())), new Html.Raw(Html.badge(t.balanced())))));
        for (SourceTotals t : s.sources()) {
            if (!t.balanced()) {
                h.append("<p class=\"alert\">").append(Html.e(t.source())).append(": ")
                        .append(Html.e(t.read() - t.indexed() - t.rejected() - t.excluded()))
                        .append(" record(s) read but not accounted for; ")
                        .append(Html.e(t.sourceCount() - t.read()))
                        .append(" record(s) in the source but not read. Do not sign off.</p>");
            }
        }
        List<String[]> reasons = new ArrayList<>();
        for (SourceTotals t : s.sources()) {
            t.rejectedByReason().forEach((r, n) -> reasons.add(new String[] { t.source(), "Rejected", r, String.valueOf(n) }));
            t.excludedByReason().forEach((r, n) -> reasons.add(new String[] { t.source(), "Excluded", r, String.valueOf(n) }));
        }
        h.append("<h3>Rejected and excluded records, by reason</h3>");
        h.append(Html.table(List.of("Source", "Outcome", "Reason", "#Records"), reasons,
                r -> List.of(r[0], r[1], r[2], Long.parseLong(r[3]))));
        h.append(Html.note("Each of these records is listed in exceptions.csv beside this report."));
        return h.toString();
    }
}
