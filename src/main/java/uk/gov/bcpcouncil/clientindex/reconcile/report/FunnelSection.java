package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** The funnel from extracted records to loaded clients, as a chart and with rejections by reason. */
public final class FunnelSection implements ReportSection {

    @Override
    public String id() {
        return "funnel";
    }

    @Override
    public String title() {
        return "From legacy records to clients (the funnel)";
    }

    @Override
    public String body(RunSummary s) {
        RunSummary.Funnel f = s.funnel();
        List<Map.Entry<String, Long>> bars = new ArrayList<>();
        bars.add(Map.entry("Extracted (legacy records)", f.extracted()));
        bars.add(Map.entry("Rejected", f.rejected()));
        s.rejectedByReason().forEach((r, n) -> bars.add(Map.entry("  rejected: " + r, n)));
        bars.add(Map.entry("Excluded (deleted in source)", f.excluded()));
        bars.add(Map.entry("Mapped", f.mapped()));
        bars.add(Map.entry("Candidate pairs compared", f.candidatePairs()));
        bars.add(Map.entry("Clients merged from several records", f.autoMergedClusters()));
        bars.add(Map.entry("Pairs waiting for review", f.inReview()));
        bars.add(Map.entry("Clients from one record", f.singletons()));
        bars.add(Map.entry("Clients loaded in the index", f.clients()));
        return Html.bars("Funnel", bars)
                + Html.table(List.of("Stage", "#Count"), bars, b -> List.of(b.getKey().strip(), b.getValue()));
    }
}
