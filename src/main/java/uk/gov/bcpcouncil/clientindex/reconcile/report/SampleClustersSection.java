package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** A few merged clients per score band, masked, for a data owner to check by hand in their own system. */
public final class SampleClustersSection implements ReportSection {

    @Override
    public String id() {
        return "sample-clusters";
    }

    @Override
    public String title() {
        return "Sample of merged clients to check by hand";
    }

    @Override
    public String body(RunSummary s) {
        if (s.samples().isEmpty()) {
            return "<p>No client was merged from several records.</p>";
        }
        StringBuilder h = new StringBuilder(Html.note("Values are masked (initials, year of birth, last digits of the"
                + " NHS number, outward postcode): look the record IDs up in your own system to check the merge."));
        String band = null;
        for (RunSummary.SampleCluster c : s.samples()) {
            if (!c.band().equals(band)) {
                band = c.band();
                h.append("<h3>Band: ").append(Html.e(band.substring(2))).append("</h3>");
            }
            h.append("<h4>Client ").append(Html.e(c.clientId())).append("</h4>");
            h.append(Html.table(List.of("Legacy record", "Name", "Born", "NHS number", "Postcode"), c.members(),
                    m -> List.of(m.key(), m.name(), m.birth(), m.nhsNumber(), m.postcode())));
        }
        return h.toString();
    }
}
