package uk.gov.bcpcouncil.clientindex.matching;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Where the matcher takes the comparison levels of its candidate pairs from. {@link #COMPUTE} compares every
 * pair; {@link MatchLevelsCache} takes the levels of pairs of unchanged records from an earlier run and
 * compares only the rest. Either way each pair gets the levels {@code compute} would give it, since a
 * pair's levels are a pure function of its two records ({@link Comparison}).
 */
@FunctionalInterface
public interface LevelsSource {

    /**
     * The levels of every candidate pair.
     *
     * @param records the run's records, sorted by key
     * @param pairs   the candidate pairs, sorted and distinct, as {@code i << 32 | j} with {@code i < j}
     * @param compute the matcher's comparisons of two records
     * @return one levels vector per pair, in the order of {@code pairs}; never shared between pairs
     */
    int[][] levels(List<MatchRecord> records, long[] pairs, BiFunction<MatchRecord, MatchRecord, int[]> compute);

    /** Compares every pair, in parallel, each into its own slot (the result does not depend on scheduling). */
    LevelsSource COMPUTE = (records, pairs, compute) -> {
        int[][] levels = new int[pairs.length][];
        java.util.stream.IntStream.range(0, pairs.length).parallel()
                .forEach(k -> levels[k] = compute.apply(records.get((int) (pairs[k] >>> 32)), records.get((int) pairs[k])));
        return levels;
    };
}
