package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** Cluster sizes, merges by rule and score band, merges blocked by each guard, cross- and within-system duplicates. */
public final class MatchOutcomesSection implements ReportSection {

    @Override
    public String id() {
        return "match-outcomes";
    }

    @Override
    public String title() {
        return "Match outcomes";
    }

    @Override
    public String body(RunSummary s) {
        RunSummary.Matching m = s.matching();
        StringBuilder h = new StringBuilder();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Records compared", Html.n(m.candidateRecords()));
        facts.put("Candidate pairs (distinct)", Html.n(m.candidatePairs()));
        facts.put("Clients spanning several systems (cross-system duplicates)", Html.n(m.crossSystemClusters()));
        facts.put("Clients with two or more records of one system (within-system duplicates)",
                Html.n(m.withinSystemClusters()));
        facts.put("Records merged in their own system (Bournemouth merged_into)", Html.n(m.mergedInSource()));
        h.append(Html.terms(facts));
        h.append("<h3>Clients by number of legacy records</h3>");
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        m.clusterSizes().forEach((k, v) -> sizes.add(Map.entry(k + (k.equals("1") ? " record" : " records"), v)));
        h.append(Html.bars("Clients by number of legacy records", sizes));
        h.append("<h3>Merges by rule and score band</h3>");
        List<Object[]> bands = new ArrayList<>();
        m.mergesByRuleAndBand().forEach((rule, byBand) -> byBand.forEach((band, n) ->
                bands.add(new Object[] { rule, band.substring(2), n })));
        h.append(Html.table(List.of("Rule", "Score band", "#Pairs merged"), bands, java.util.Arrays::asList));
        h.append("<h3>Merges blocked by each guard</h3>");
        h.append(Html.note("A guard refuses a merge whatever the similarity: two different valid NHS numbers or UPNs,"
                + " conflicting sex, an unborn child, a reviewer's decision \"different\", or a join that would chain"
                + " two different children into one client."));
        h.append(m.blockedByGuard().isEmpty() ? "<p>No merge was blocked.</p>"
                : Html.table(List.of("Guard", "#Pairs blocked"), new ArrayList<>(m.blockedByGuard().entrySet()),
                        g -> List.of(g.getKey(), g.getValue())));
        h.append("<h3>Candidate pairs by blocking rule</h3>");
        h.append(Html.table(List.of("Blocking rule", "#Pairs"), new ArrayList<>(m.candidatePairsByBlock().entrySet()),
                g -> List.of(g.getKey(), g.getValue())));
        return h.toString();
    }
}
