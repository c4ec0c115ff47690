package uk.gov.bcpcouncil.clientindex.reconcile;

/**
 * Score bands of accepted pairs, for the report: a pair scored by the probabilistic matcher has a match
 * weight (log2 odds), a pair decided by the first-pass rules a name similarity between 0 and 1 (1 for an
 * exact NHS number). Bands are named so a reader sees how strong the evidence was. Pure, thread-safe.
 */
public final class ScoreBands {

    public static final String EXACT = "1 exact identifier or reviewer";
    public static final String STRONG = "2 strong";
    public static final String NEAR = "3 near the threshold";

    private ScoreBands() {
    }

    /**
     * @param weighted whether the score is a match weight (the pair has an explanation)
     * @param rule     the rule that accepted the pair
     */
    public static String band(String rule, double score, boolean weighted) {
        if (rule.startsWith("NHS") || rule.startsWith("CLERICAL")) {
            return EXACT;
        }
        if (weighted) {
            return score >= 15 ? STRONG : NEAR;
        }
        return score >= 0.97 ? STRONG : NEAR;
    }
}
