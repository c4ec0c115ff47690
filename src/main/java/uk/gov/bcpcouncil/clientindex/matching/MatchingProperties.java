package uk.gov.bcpcouncil.clientindex.matching;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the probabilistic matcher ({@code clientindex.matching.*}). Weights are match weights
 * (log2 of the odds that the pair is one child; 10 is about 1,000 to 1).
 *
 * @param matchWeight   a pair at or above this weight is merged
 * @param reviewWeight  a pair at or above this weight (and below {@code matchWeight}) goes to clerical review
 * @param splitWeight   a pair below this weight must never end up in one cluster through other pairs
 * @param seed          seed of the random pairs u is estimated from: the same input gives the same model
 * @param uSamplePairs  random pairs drawn to estimate u
 * @param emIterations  at most this many expectation-maximisation rounds for m and the prior
 * @param maxBlockSize  a block with more records is not expanded (counted as oversized)
 * @param maxClusterCheck  clusters up to this size have every internal pair checked by the guards and scored
 * @param twinNameMinCount a first name held by at least this many records is a real name (twins guard)
 * @param unbornWindowDays an unborn record is linked to a born child's record only when the date of birth is
 *                      within this many days of the expected date (and family name and address agree)
 * @param engine        {@code probabilistic} (the default: the Fellegi-Sunter engine with its guards, see
 *                      {@link ProbabilisticMatcher}) or {@code first-pass} (the first matcher: exact valid NHS number, or
 *                      Jaro-Winkler name and equal date of birth, with the guards), kept selectable for comparison
 */
@ConfigurationProperties("clientindex.matching")
public record MatchingProperties(Double matchWeight, Double reviewWeight, Double splitWeight, Long seed,
        Integer uSamplePairs, Integer emIterations, Integer maxBlockSize, Integer maxClusterCheck,
        Integer twinNameMinCount, String engine, Integer unbornWindowDays) {

    public static final String FIRST_PASS = "first-pass";
    public static final String PROBABILISTIC = "probabilistic";

    public MatchingProperties {
        engine = engine == null ? PROBABILISTIC : engine;
        if (!engine.equals(FIRST_PASS) && !engine.equals(PROBABILISTIC)) {
            throw new IllegalArgumentException("clientindex.matching.engine must be " + FIRST_PASS + " or "
                    + PROBABILISTIC + ", got '" + engine + "'");
        }
        matchWeight = matchWeight == null ? 6.0 : matchWeight;
        reviewWeight = reviewWeight == null ? 0.0 : reviewWeight;
        splitWeight = splitWeight == null ? -10.0 : splitWeight;
        seed = seed == null ? 20261126L : seed;
        uSamplePairs = uSamplePairs == null ? 300_000 : uSamplePairs;
        emIterations = emIterations == null ? 100 : emIterations;
        maxBlockSize = maxBlockSize == null ? 2000 : maxBlockSize;
        maxClusterCheck = maxClusterCheck == null ? 60 : maxClusterCheck;
        twinNameMinCount = twinNameMinCount == null ? 3 : twinNameMinCount;
        unbornWindowDays = unbornWindowDays == null ? 60 : unbornWindowDays;
        if (reviewWeight > matchWeight || splitWeight > reviewWeight) {
            throw new IllegalArgumentException("clientindex.matching: need split-weight <= review-weight <= match-weight");
        }
    }

    public static MatchingProperties defaults() {
        return new MatchingProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    public MatchingProperties withWeights(double match, double review) {
        return new MatchingProperties(match, review, splitWeight, seed, uSamplePairs, emIterations, maxBlockSize,
                maxClusterCheck, twinNameMinCount, engine, unbornWindowDays);
    }
}
