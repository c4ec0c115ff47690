package uk.gov.bcpcouncil.clientindex.signoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/**
 * Evaluates the configured sign-off criteria against a run's figures: pass or fail per criterion. An
 * unknown metric is a configuration error, reported as a failed criterion naming it. Pure, thread-safe.
 */
public final class SignOffCriteria {

    /** The metrics a criterion may name. */
    public static final Map<String, ToDoubleFunction<RunSummary>> METRICS = Map.of(
            "unbalanced-sources", s -> s.sources().stream().filter(t -> !t.balanced()).count(),
            "rejected-percent", s -> percent(s.funnel().rejected(), s.funnel().extracted()),
            "open-review-pairs", s -> s.funnel().inReview(),
            "unmapped-code-records", s -> s.unmappedCodes().stream().mapToLong(RunSummary.UnmappedCode::count).sum(),
            "nhs-valid-percent", SignOffCriteria::nhsValidPercent,
            "cross-system-clients", s -> s.matching().crossSystemClusters());

    private SignOffCriteria() {
    }

    public static RunSummary.SignOffSheet evaluate(RunSummary summary, SignOffProperties settings) {
        List<RunSummary.Criterion> results = new ArrayList<>();
        for (SignOffProperties.Criterion c : settings.criteria()) {
            ToDoubleFunction<RunSummary> metric = METRICS.get(c.metric());
            String name = c.metric();
            String description = c.description() == null ? c.metric() : c.description();
            if (metric == null) {
                results.add(new RunSummary.Criterion(name, description, "-", "unknown metric", false));
                continue;
            }
            double value = metric.applyAsDouble(summary);
            String unit = c.metric().endsWith("-percent") ? "%" : "";
            boolean passed = (c.max() == null || value <= c.max()) && (c.min() == null || value >= c.min());
            String limit = (c.max() != null ? "at most " + number(c.max()) + unit : "")
                    + (c.max() != null && c.min() != null ? " and " : "")
                    + (c.min() != null ? "at least " + number(c.min()) + unit : "");
            results.add(new RunSummary.Criterion(name, description, limit, number(value) + unit, passed));
        }
        boolean all = results.stream().allMatch(RunSummary.Criterion::passed) && summary.balanced();
        return new RunSummary.SignOffSheet(results, settings.knownIssues(), all);
    }

    private static double nhsValidPercent(RunSummary s) {
        long valid = 0;
        long all = 0;
        for (Map.Entry<String, Map<String, Long>> e : s.identifierQuality().entrySet()) {
            if (e.getKey().endsWith(" NHS number")) {
                for (Map.Entry<String, Long> status : e.getValue().entrySet()) {
                    all += status.getValue();
                    if ("VALID".equals(status.getKey())) {
                        valid += status.getValue();
                    }
                }
            }
        }
        return percent(valid, all);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
