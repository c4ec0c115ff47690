package uk.gov.bcpcouncil.clientindex.matching;

import java.util.List;
import java.util.Locale;

/**
 * Why a pair scored what it did, as a data owner would read a waterfall chart: the prior match weight,
 * then one term per comparison (its level and match weight, log2 of m/u, with the term-frequency
 * adjustment already included), and the total with its probability.
 *
 * @param priorWeight log2 of the prior odds that a candidate pair is a match
 * @param terms       one per comparison, in the model's order; a missing value has level {@code MISSING}
 *                    and weight 0
 */
public record Explanation(double priorWeight, List<Term> terms) {

    /** @param tfAdjusted whether the weight uses the frequency of the agreeing value (rare names weigh more) */
    public record Term(String comparison, String level, double weight, boolean tfAdjusted) {
    }

    public Explanation {
        terms = List.copyOf(terms);
    }

    public double total() {
        double t = priorWeight;
        for (Term term : terms) {
            t += term.weight();
        }
        return t;
    }

    /** The match probability the total weight stands for. */
    public double probability() {
        double odds = Math.pow(2, total());
        return Double.isInfinite(odds) ? 1.0 : odds / (1 + odds);
    }

    /** One line for logs and reports, e.g. {@code prior -6.10; FIRST_NAME EXACT +5.21 (tf); ... = 18.40 (p=1.0000)}. */
    public String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "prior %+.2f", priorWeight));
        for (Term t : terms) {
            sb.append(String.format(Locale.ROOT, "; %s %s %+.2f%s", t.comparison(), t.level(), t.weight(),
                    t.tfAdjusted() ? " (tf)" : ""));
        }
        return sb.append(String.format(Locale.ROOT, " = %.2f (p=%.4f)", total(), probability())).toString();
    }
}
