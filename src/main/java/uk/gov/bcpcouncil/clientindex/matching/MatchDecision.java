package uk.gov.bcpcouncil.clientindex.matching;

/**
 * The matcher's verdict on one candidate pair, with the rule that decided it (shown in the report), its
 * score and, for a scored pair, the explanation of the score.
 *
 * @param left        the smaller key of the pair
 * @param right       the larger key
 * @param score       for a scored pair the match weight (log2 of the odds), else as the rule defines
 * @param explanation how the score was reached; null for a pair decided without scoring
 */
public record MatchDecision(String left, String right, Verdict verdict, String rule, double score,
        Explanation explanation) {

    public MatchDecision(String left, String right, Verdict verdict, String rule, double score) {
        this(left, right, verdict, rule, score, null);
    }

    public enum Verdict {
        /** Same child: the pair is merged. */
        MATCH,
        /** Uncertain: written to the review queue, not merged until a person decides. */
        REVIEW,
        /** Scored far below the thresholds: the two records must not end up in one cluster. */
        NO_MATCH,
        /** A no-merge guard forbids merging the pair, whatever the similarity. */
        NO_MATCH_GUARD
    }
}
