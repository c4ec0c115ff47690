package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** Share of indexed records matched to another record, per ethnicity group: a check that matching is fair. */
public final class EthnicitySection implements ReportSection {

    @Override
    public String id() {
        return "match-rates-by-ethnicity";
    }

    @Override
    public String title() {
        return "Match rates by ethnicity group";
    }

    @Override
    public String body(RunSummary s) {
        List<Map.Entry<String, Long>> bars = s.matchRatesByEthnicity().stream()
                .map(r -> Map.entry(r.group() + " (%)", Math.round(100 * r.rate()))).toList();
        return Html.note("Matched = the record shares its client with at least one other legacy record. A group whose"
                + " rate is far below the others may have names or identifiers the matcher handles worse.")
                + Html.bars("Match rate by ethnicity group, percent", bars)
                + Html.table(List.of("Ethnicity group", "#Indexed records", "#Matched", "Match rate"),
                        s.matchRatesByEthnicity(), r -> List.of(r.group(), r.records(), r.matched(),
                                String.format("%.1f%%", 100 * r.rate())));
    }
}
