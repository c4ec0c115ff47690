package uk.gov.bcpcouncil.clientindex.matching;

/**
 * The matcher's verdict on one candidate pair, with the rule that decided it (shown in the report).
 *
 * @param left  the smaller key of the pair
 * @param right the larger key
 */
public record MatchDecision(String left, String right, Verdict verdict, String rule, double score) {

    public enum Verdict {
        /** Same child: the pair is merged. */
        MATCH,
        /** A no-merge guard forbids merging the pair, whatever the similarity. */
        NO_MATCH_GUARD
    }
}
