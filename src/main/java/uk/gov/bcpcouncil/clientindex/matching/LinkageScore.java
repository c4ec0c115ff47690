package uk.gov.bcpcouncil.clientindex.matching;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy of a clustering against the truth. Pairwise: of the pairs of records put in one cluster, how
 * many are truly one entity (precision), and of the true pairs how many were put in one cluster (recall).
 * B-cubed: per record, the share of its cluster that is its entity (precision) and the share of its entity
 * in its cluster (recall), averaged over records.
 */
public record LinkageScore(long predictedPairs, long truePairs, long truePositives, double bCubedPrecision,
        double bCubedRecall, long wronglyMergedClusters) {

    /** @param clusterOf record key to cluster key; @param entityOf record key to true entity */
    public static LinkageScore of(Map<String, String> clusterOf, Map<String, String> entityOf) {
        Map<String, Long> clusters = new HashMap<>();
        Map<String, Long> entities = new HashMap<>();
        Map<String, Long> both = new HashMap<>();
        Map<String, String> entityOfCluster = new HashMap<>();
        Map<String, Boolean> mixed = new HashMap<>();
        for (Map.Entry<String, String> e : clusterOf.entrySet()) {
            String entity = entityOf.get(e.getKey());
            if (entity == null) {
                throw new IllegalArgumentException("record " + e.getKey() + " has no true entity");
            }
            clusters.merge(e.getValue(), 1L, Long::sum);
            entities.merge(entity, 1L, Long::sum);
            both.merge(e.getValue() + "\u0000" + entity, 1L, Long::sum);
            String seen = entityOfCluster.putIfAbsent(e.getValue(), entity);
            if (seen != null && !seen.equals(entity)) {
                mixed.put(e.getValue(), true);
            }
        }
        double p = 0;
        double r = 0;
        for (Map.Entry<String, String> e : clusterOf.entrySet()) {
            String entity = entityOf.get(e.getKey());
            double shared = both.get(e.getValue() + "\u0000" + entity);
            p += shared / clusters.get(e.getValue());
            r += shared / entities.get(entity);
        }
        int n = Math.max(1, clusterOf.size());
        return new LinkageScore(pairs(clusters), pairs(entities), pairs(both), p / n, r / n, mixed.size());
    }

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) truePositives / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public String text() {
        return String.format(Locale.ROOT,
                "pairwise precision %.4f recall %.4f F1 %.4f (true pairs %d, predicted %d, correct %d)%n"
                        + "B-cubed precision %.4f recall %.4f; clusters holding two entities: %d",
                precision(), recall(), f1(), truePairs, predictedPairs, truePositives, bCubedPrecision, bCubedRecall,
                wronglyMergedClusters);
    }

    private static long pairs(Map<String, Long> groups) {
        return groups.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
    }
}
