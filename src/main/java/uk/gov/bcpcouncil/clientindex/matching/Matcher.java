package uk.gov.bcpcouncil.clientindex.matching;

import java.util.List;

/**
 * Finds which candidate records are the same child. Implementations block (never compare all pairs),
 * compare, and return the accepted pairs and the pairs a no-merge guard refused; clustering is separate.
 * Must be deterministic: the same records in any order give the same decisions.
 */
public interface Matcher {

    /**
     * The decisions, sorted by (left, right), plus candidate-pair counts per blocking rule, and the model
     * that scored them (null for a matcher without one).
     */
    record Result(List<MatchDecision> decisions, java.util.Map<String, Long> candidatePairsByBlock,
            long candidatePairs, FellegiSunterModel model, java.util.Map<String, Long> guardedNotStored) {

        /**
         * @param guardedNotStored pairs a guard refused that are not among the decisions because nothing would have
         *                         merged or reviewed them (scored below the review weight, not inside one would-be
         *                         cluster), counted by guard so that the report's count of blocked pairs stays whole
         */
        public Result {
            guardedNotStored = guardedNotStored == null ? java.util.Map.of() : guardedNotStored;
        }

        public Result(List<MatchDecision> decisions, java.util.Map<String, Long> candidatePairsByBlock,
                long candidatePairs, FellegiSunterModel model) {
            this(decisions, candidatePairsByBlock, candidatePairs, model, java.util.Map.of());
        }

        public Result(List<MatchDecision> decisions, java.util.Map<String, Long> candidatePairsByBlock,
                long candidatePairs) {
            this(decisions, candidatePairsByBlock, candidatePairs, null);
        }
    }

    Result match(List<MatchRecord> records);

    /**
     * Matches taking the candidate pairs' comparison levels from {@code levels} where the matcher compares
     * pairs by levels; a matcher that does not ignores it. The result is the same as {@link #match(List)}'s.
     */
    default Result match(List<MatchRecord> records, LevelsSource levels) {
        return match(records);
    }
}
