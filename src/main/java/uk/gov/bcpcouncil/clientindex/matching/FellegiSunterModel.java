package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A Fellegi-Sunter model: for each comparison and level, m (probability of the level for a true match)
 * and u (for a non-match); the prior probability {@code lambda} that a candidate pair is a match; and the
 * frequency of each name for the term-frequency adjustment. u comes from random pairs drawn with a fixed
 * seed, m and lambda from expectation maximisation over the candidate pairs with u held fixed. Everything is
 * computed in a fixed order, so the same records give the same model. Immutable once trained.
 */
public final class FellegiSunterModel {

    /** Smallest probability a level may have: keeps weights finite when a level was never seen. */
    static final double FLOOR = 1e-6;

    private final List<Comparison> comparisons;
    private final double[][] m;
    private final double[][] u;
    private final double lambda;
    private final List<Map<String, Double>> tf;
    private final int iterations;

    FellegiSunterModel(List<Comparison> comparisons, double[][] m, double[][] u, double lambda,
            List<Map<String, Double>> tf, int iterations) {
        this.comparisons = comparisons;
        this.m = m;
        this.u = u;
        this.lambda = lambda;
        this.tf = tf;
        this.iterations = iterations;
    }

    /**
     * Trains the model.
     *
     * @param records    all records, in a fixed order
     * @param candidates the candidate pairs' level vectors (EM runs over these)
     */
    public static FellegiSunterModel train(List<Comparison> comparisons, List<MatchRecord> records,
            List<int[]> candidates, MatchingProperties settings, java.util.function.BiPredicate<MatchRecord, MatchRecord> eligible) {
        int c = comparisons.size();
        List<Map<String, Double>> tf = termFrequencies(comparisons, records);
        double[][] u = new double[c][];
        long[][] uCounts = new long[c][];
        for (int i = 0; i < c; i++) {
            uCounts[i] = new long[comparisons.get(i).levels().size()];
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        int n = records.size();
        if (n >= 2) {
            for (int s = 0, drawn = 0; s < settings.uSamplePairs() * 4 && drawn < settings.uSamplePairs(); s++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a == b || !eligible.test(records.get(a), records.get(b))) {
                    continue;
                }
                drawn++;
                for (int i = 0; i < c; i++) {
                    int l = comparisons.get(i).level(records.get(a), records.get(b));
                    if (l >= 0) {
                        uCounts[i][l]++;
                    }
                }
            }
        }
        for (int i = 0; i < c; i++) {
            u[i] = smooth(uCounts[i], 1.0);
        }
        // EM over distinct level patterns (counted), in a fixed order.
        TreeMap<String, long[]> patterns = new TreeMap<>();
        Map<String, int[]> vectors = new HashMap<>();
        for (int[] v : candidates) {
            String key = Arrays.toString(v);
            patterns.computeIfAbsent(key, k -> new long[1])[0]++;
            vectors.putIfAbsent(key, v);
        }
        List<int[]> pv = new ArrayList<>();
        List<Long> pc = new ArrayList<>();
        patterns.forEach((k, count) -> {
            pv.add(vectors.get(k));
            pc.add(count[0]);
        });
        double[][] m = new double[c][];
        for (int i = 0; i < c; i++) {
            int levels = comparisons.get(i).levels().size();
            m[i] = new double[levels];
            for (int l = 0; l < levels; l++) {
                m[i][l] = l == 0 ? 0.9 : 0.1 / (levels - 1);
            }
        }
        double lambda = 0.1;
        int it = 0;
        for (; it < settings.emIterations() && !pv.isEmpty(); it++) {
            double[][] mNum = new double[c][];
            double[] mDen = new double[c];
            for (int i = 0; i < c; i++) {
                mNum[i] = new double[m[i].length];
            }
            double matches = 0;
            double total = 0;
            for (int p = 0; p < pv.size(); p++) {
                int[] v = pv.get(p);
                double logM = Math.log(lambda);
                double logU = Math.log(1 - lambda);
                for (int i = 0; i < c; i++) {
                    if (v[i] >= 0) {
                        logM += Math.log(m[i][v[i]]);
                        logU += Math.log(u[i][v[i]]);
                    }
                }
                double w = 1 / (1 + Math.exp(logU - logM));
                double count = pc.get(p);
                matches += w * count;
                total += count;
                for (int i = 0; i < c; i++) {
                    if (v[i] >= 0) {
                        mNum[i][v[i]] += w * count;
                        mDen[i] += w * count;
                    }
                }
            }
            double change = Math.abs(matches / total - lambda);
            lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
            for (int i = 0; i < c; i++) {
                double[] next = new double[m[i].length];
                for (int l = 0; l < next.length; l++) {
                    next[l] = Math.max(FLOOR, mDen[i] == 0 ? m[i][l] : mNum[i][l] / mDen[i]);
                    change = Math.max(change, Math.abs(next[l] - m[i][l]));
                }
                m[i] = next;
            }
            if (change < 1e-7) {
                it++;
                break;
            }
        }
        return new FellegiSunterModel(comparisons, m, u, lambda, tf, it);
    }

    private static double[] smooth(long[] counts, double pseudo) {
        double total = 0;
        for (long x : counts) {
            total += x + pseudo;
        }
        double[] p = new double[counts.length];
        for (int l = 0; l < counts.length; l++) {
            p[l] = (counts[l] + pseudo) / total;
        }
        return p;
    }

    private static List<Map<String, Double>> termFrequencies(List<Comparison> comparisons, List<MatchRecord> records) {
        List<Map<String, Double>> result = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            if (comparison.tfLevel() < 0) {
                result.add(Map.of());
                continue;
            }
            Map<String, Long> counts = new HashMap<>();
            long withValue = 0;
            for (MatchRecord r : records) {
                List<String> values = comparison.tfValues(r);
                if (!values.isEmpty()) {
                    withValue++;
                }
                for (String v : new LinkedHashSet<>(values)) {
                    counts.merge(v, 1L, Long::sum);
                }
            }
            Map<String, Double> freq = new HashMap<>();
            long denominator = Math.max(1, withValue);
            counts.forEach((v, k) -> freq.put(v, (double) k / denominator));
            result.add(freq);
        }
        return result;
    }

    public int[] levels(MatchRecord a, MatchRecord b) {
        int[] v = new int[comparisons.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = comparisons.get(i).level(a, b);
        }
        return v;
    }

    public double priorWeight() {
        return log2(lambda / (1 - lambda));
    }

    /** The match weight of one level, without term-frequency adjustment. */
    public double weight(int comparison, int level) {
        return log2(m[comparison][level] / u[comparison][level]);
    }

    /** The total match weight of a pair (prior included), with term-frequency adjustment. */
    public double score(MatchRecord a, MatchRecord b, int[] levels) {
        return explain(a, b, levels).total();
    }

    public Explanation explain(MatchRecord a, MatchRecord b, int[] levels) {
        List<Explanation.Term> terms = new ArrayList<>(comparisons.size());
        for (int i = 0; i < levels.length; i++) {
            Comparison comparison = comparisons.get(i);
            int l = levels[i];
            if (l < 0) {
                terms.add(new Explanation.Term(comparison.name(), "MISSING", 0.0, false));
                continue;
            }
            double w = weight(i, l);
            boolean adjusted = false;
            if (l == comparison.tfLevel()) {
                double f = agreeingFrequency(i, comparison, a, b);
                if (f > 0) {
                    // u of agreeing on this value is its frequency: rare names weigh more, common ones less
                    w = log2(m[i][l] / Math.max(f, FLOOR));
                    adjusted = true;
                }
            }
            terms.add(new Explanation.Term(comparison.name(), comparison.levels().get(l), w, adjusted));
        }
        return new Explanation(priorWeight(), terms);
    }

    private double agreeingFrequency(int i, Comparison comparison, MatchRecord a, MatchRecord b) {
        List<String> y = comparison.tfValues(b);
        double f = 0;
        for (String v : comparison.tfValues(a)) {
            if (y.contains(v)) {
                f = Math.max(f, tf.get(i).getOrDefault(v, 0.0)); // the commonest agreeing name: cautious
            }
        }
        return f;
    }

    public List<Comparison> comparisons() {
        return comparisons;
    }

    public double lambda() {
        return lambda;
    }

    public double m(int comparison, int level) {
        return m[comparison][level];
    }

    public double u(int comparison, int level) {
        return u[comparison][level];
    }

    public int iterations() {
        return iterations;
    }

    /** One row per comparison and level: the parameters written with the run. */
    public List<Parameter> parameters() {
        List<Parameter> rows = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison comparison = comparisons.get(i);
            for (int l = 0; l < comparison.levels().size(); l++) {
                rows.add(new Parameter(comparison.name(), l, comparison.levels().get(l), m[i][l], u[i][l], weight(i, l),
                        l == comparison.tfLevel()));
            }
        }
        return rows;
    }

    public record Parameter(String comparison, int levelIndex, String level, double m, double u, double weight,
            boolean tfAdjusted) {
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
