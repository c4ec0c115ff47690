package uk.gov.bcpcouncil.clientindex.matching;

import java.util.List;

/**
 * One comparison of the Fellegi-Sunter model: a pair of records falls into exactly one of its levels
 * (strongest agreement first, the last level is "no agreement"), or is {@link #MISSING} when either record
 * lacks the field, which then weighs nothing. Implementations are pure functions: thread-safe.
 */
public interface Comparison {

    int MISSING = -1;

    String name();

    /** Level names, strongest agreement first. */
    List<String> levels();

    /** The level of the pair, or {@link #MISSING}. */
    int level(MatchRecord a, MatchRecord b);

    /** The level whose weight is adjusted by the frequency of the agreeing value, or -1 for none. */
    default int tfLevel() {
        return -1;
    }

    /** The values of a record counted for the term-frequency adjustment (distinct). */
    default List<String> tfValues(MatchRecord r) {
        return List.of();
    }
}
