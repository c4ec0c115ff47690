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
 * frequency of each name for the term-frequency adjustment, and of each family name among the holders of each first
 * name ({@link #conditionalFrequencies}). u comes from random pairs drawn with a fixed
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
    /** Frequency of a family name among the holders of a first name, keyed {@link #pairKey}; empty for none. */
    private final Map<String, Double> surnameGivenFirst;
    private final int first;
    private final int surname;
    private final int iterations;

    FellegiSunterModel(List<Comparison> comparisons, double[][] m, double[][] u, double lambda,
            List<Map<String, Double>> tf, int iterations) {
        this(comparisons, m, u, lambda, tf, Map.of(), iterations);
    }

    FellegiSunterModel(List<Comparison> comparisons, double[][] m, double[][] u, double lambda,
            List<Map<String, Double>> tf, Map<String, Double> surnameGivenFirst, int iterations) {
        this.comparisons = comparisons;
        this.m = m;
        this.u = u;
        this.lambda = lambda;
        this.tf = tf;
        this.surnameGivenFirst = surnameGivenFirst;
        this.first = indexOf(comparisons, FIRST_NAME);
        this.surname = indexOf(comparisons, SURNAME);
        this.iterations = iterations;
    }

    static final String FIRST_NAME = "FIRST_NAME";
    static final String SURNAME = "SURNAME";

    private static int indexOf(List<Comparison> comparisons, String name) {
        for (int i = 0; i < comparisons.size(); i++) {
            if (comparisons.get(i).name().equals(name) && comparisons.get(i).tfLevel() >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The candidate pairs of one blocking rule, for one EM session that leaves out the comparisons it fixes. */
    public record Session(String rule, java.util.Set<String> fixes, List<int[]> vectors) {
    }

    /**
     * Trains the model: u from random pairs (fixed seed); m by expectation maximisation, one session per
     * blocking rule over that rule's pairs, leaving out the comparisons the rule fixes (their pairs agree on
     * them by construction), each comparison's m the mean over the sessions that estimate it; then the prior,
     * the probability that two eligible records are one entity, as the expected number of matches among all
     * candidate pairs (with m and u fixed) over {@code eligiblePairs}.
     */
    public static FellegiSunterModel train(List<Comparison> comparisons, List<MatchRecord> records,
            List<Session> sessions, List<int[]> candidates, double eligiblePairs, MatchingProperties settings,
            java.util.function.BiPredicate<MatchRecord, MatchRecord> eligible) {
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
            // the pairs are drawn in sequence (fixed seed), compared in parallel, counted in order: reproducible
            long[] drawnPairs = new long[settings.uSamplePairs()];
            int drawn = 0;
            for (long s = 0; s < settings.uSamplePairs() * 4L && drawn < settings.uSamplePairs(); s++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a == b || !eligible.test(records.get(a), records.get(b))) {
                    continue;
                }
                drawnPairs[drawn++] = ((long) a << 32) | b;
            }
            int[][] sampled = new int[drawn][];
            java.util.stream.IntStream.range(0, drawn).parallel().forEach(k -> {
                MatchRecord x = records.get((int) (drawnPairs[k] >>> 32));
                MatchRecord y = records.get((int) drawnPairs[k]);
                int[] v = new int[c];
                for (int i = 0; i < c; i++) {
                    v[i] = comparisons.get(i).level(x, y);
                }
                sampled[k] = v;
            });
            for (int[] v : sampled) {
                for (int i = 0; i < c; i++) {
                    if (v[i] >= 0) {
                        uCounts[i][v[i]]++;
                    }
                }
            }
        }
        for (int i = 0; i < c; i++) {
            u[i] = smooth(uCounts[i], 1.0);
        }
        double[][] mSum = new double[c][];
        int[] mSessions = new int[c];
        for (int i = 0; i < c; i++) {
            mSum[i] = new double[comparisons.get(i).levels().size()];
        }
        int rounds = 0;
        for (Session session : sessions) {
            if (session.vectors().size() < MIN_SESSION_PAIRS) {
                continue;
            }
            boolean[] active = new boolean[c];
            for (int i = 0; i < c; i++) {
                active[i] = !session.fixes().contains(comparisons.get(i).name());
            }
            double[][] m = initialM(comparisons);
            rounds = Math.max(rounds, em(session.vectors(), active, m, u, settings.emIterations()));
            for (int i = 0; i < c; i++) {
                if (active[i]) {
                    mSessions[i]++;
                    for (int l = 0; l < m[i].length; l++) {
                        mSum[i][l] += m[i][l];
                    }
                }
            }
        }
        double[][] m = initialM(comparisons);
        for (int i = 0; i < c; i++) {
            if (mSessions[i] > 0) {
                for (int l = 0; l < m[i].length; l++) {
                    m[i][l] = Math.max(FLOOR, mSum[i][l] / mSessions[i]);
                }
            }
        }
        double lambda = prior(candidates, m, u, eligiblePairs);
        return new FellegiSunterModel(comparisons, m, u, lambda, tf, conditionalFrequencies(comparisons, records), rounds);
    }

    static final int MIN_SESSION_PAIRS = 20;

    private static double[][] initialM(List<Comparison> comparisons) {
        double[][] m = new double[comparisons.size()][];
        for (int i = 0; i < m.length; i++) {
            int levels = comparisons.get(i).levels().size();
            m[i] = new double[levels];
            for (int l = 0; l < levels; l++) {
                m[i][l] = l == 0 ? 0.9 : 0.1 / (levels - 1);
            }
        }
        return m;
    }

    /** EM for m (updated in place) and a session prior, with u fixed; returns the rounds run. */
    static int em(List<int[]> vectors, boolean[] active, double[][] m, double[][] u, int maxRounds) {
        TreeMap<String, long[]> patterns = new TreeMap<>();
        Map<String, int[]> byKey = new HashMap<>();
        for (int[] v : vectors) {
            String key = Arrays.toString(v);
            patterns.computeIfAbsent(key, k -> new long[1])[0]++;
            byKey.putIfAbsent(key, v);
        }
        List<int[]> pv = new ArrayList<>();
        List<Long> pc = new ArrayList<>();
        patterns.forEach((k, count) -> {
            pv.add(byKey.get(k));
            pc.add(count[0]);
        });
        int c = m.length;
        double lambda = 0.5;
        int it = 0;
        while (it < maxRounds && !pv.isEmpty()) {
            it++;
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
                    if (active[i] && v[i] >= 0) {
                        logM += Math.log(m[i][v[i]]);
                        logU += Math.log(u[i][v[i]]);
                    }
                }
                double w = 1 / (1 + Math.exp(logU - logM));
                double count = pc.get(p);
                matches += w * count;
                total += count;
                for (int i = 0; i < c; i++) {
                    if (active[i] && v[i] >= 0) {
                        mNum[i][v[i]] += w * count;
                        mDen[i] += w * count;
                    }
                }
            }
            double change = Math.abs(matches / total - lambda);
            lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
            for (int i = 0; i < c; i++) {
                if (!active[i] || mDen[i] == 0) {
                    continue;
                }
                for (int l = 0; l < m[i].length; l++) {
                    double next = Math.max(FLOOR, mNum[i][l] / mDen[i]);
                    change = Math.max(change, Math.abs(next - m[i][l]));
                    m[i][l] = next;
                }
            }
            if (change < 1e-7) {
                break;
            }
        }
        return it;
    }

    /** The prior over all eligible pairs: a fixed point of (expected matches among candidates) / eligible pairs. */
    static double prior(List<int[]> candidates, double[][] m, double[][] u, double eligiblePairs) {
        double[] logRatio = new double[candidates.size()];
        for (int k = 0; k < candidates.size(); k++) {
            int[] v = candidates.get(k);
            double r = 0;
            for (int i = 0; i < v.length; i++) {
                if (v[i] >= 0) {
                    r += Math.log(m[i][v[i]] / u[i][v[i]]);
                }
            }
            logRatio[k] = r;
        }
        double lambda = Math.max(FLOOR * FLOOR, candidates.size() / Math.max(1.0, eligiblePairs) / 2);
        for (int it = 0; it < 200; it++) {
            double logOdds = Math.log(lambda / (1 - lambda));
            double expected = 0;
            for (double r : logRatio) {
                expected += 1 / (1 + Math.exp(-(logOdds + r)));
            }
            double next = Math.min(0.5, Math.max(1e-12, expected / Math.max(1.0, eligiblePairs)));
            if (Math.abs(next - lambda) < lambda * 1e-9) {
                lambda = next;
                break;
            }
            lambda = next;
        }
        return lambda;
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
                if (values.size() == 1) {
                    counts.merge(values.get(0), 1L, Long::sum); // most records: no set needed to count a value once
                    continue;
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

    /**
     * The frequency of each family name among the records holding each first name: count(first and family name) /
     * count(first name). Names run in families and communities, so a first name and a family name of one tradition
     * (Zahra and Osman) are held together far more often than the product of their frequencies says; the family
     * name's weight, when the first name agrees too, uses the larger of its own frequency and this one. Empty
     * when the comparisons have no frequency-adjusted FIRST_NAME and SURNAME.
     */
    private static Map<String, Double> conditionalFrequencies(List<Comparison> comparisons, List<MatchRecord> records) {
        int f = indexOf(comparisons, FIRST_NAME);
        int s = indexOf(comparisons, SURNAME);
        if (f < 0 || s < 0) {
            return Map.of();
        }
        Comparison firsts = comparisons.get(f);
        Comparison families = comparisons.get(s);
        Map<String, Integer> firstCounts = new HashMap<>();
        Map<String, Integer> pairCounts = new HashMap<>();
        for (MatchRecord r : records) {
            List<String> x = firsts.tfValues(r);
            List<String> y = families.tfValues(r);
            for (int i = 0; i < x.size(); i++) {
                if (x.indexOf(x.get(i)) != i) {
                    continue; // a value counted once per record
                }
                firstCounts.merge(x.get(i), 1, Integer::sum);
                for (int j = 0; j < y.size(); j++) {
                    if (y.indexOf(y.get(j)) == j) {
                        pairCounts.merge(pairKey(x.get(i), y.get(j)), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Double> result = new HashMap<>(pairCounts.size() * 2);
        pairCounts.forEach((k, n) -> result.put(k, (double) n / firstCounts.get(k.substring(0, k.indexOf('\u0000')))));
        return result;
    }

    static String pairKey(String firstName, String familyName) {
        return firstName + '\u0000' + familyName;
    }

    /**
     * The frequency the family-name weight uses: the commonest agreeing family name's own frequency, or, when the
     * first names agree exactly as well, its frequency among the holders of the agreeing first name if larger.
     */
    private double surnameFrequency(int i, Comparison comparison, MatchRecord a, MatchRecord b, int[] levels) {
        double f = agreeingFrequency(i, comparison, a, b);
        if (f <= 0 || surnameGivenFirst.isEmpty() || first < 0 || levels[first] != comparisons.get(first).tfLevel()) {
            return f;
        }
        Comparison firsts = comparisons.get(first);
        List<String> xb = firsts.tfValues(b);
        List<String> yb = comparison.tfValues(b);
        for (String x : firsts.tfValues(a)) {
            if (!xb.contains(x)) {
                continue;
            }
            for (String y : comparison.tfValues(a)) {
                if (yb.contains(y)) {
                    f = Math.max(f, surnameGivenFirst.getOrDefault(pairKey(x, y), 0.0));
                }
            }
        }
        return f;
    }

    /** The frequency that replaces u at a frequency-adjusted level (0 for none). */
    private double termFrequency(int i, Comparison comparison, MatchRecord a, MatchRecord b, int[] levels) {
        return i == surname ? surnameFrequency(i, comparison, a, b, levels) : agreeingFrequency(i, comparison, a, b);
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
        // the same terms summed in the same order as Explanation.total(): the same double, without the objects
        double t = priorWeight();
        for (int i = 0; i < levels.length; i++) {
            int l = levels[i];
            if (l < 0) {
                t += 0.0;
                continue;
            }
            double w = weight(i, l);
            Comparison comparison = comparisons.get(i);
            if (l == comparison.tfLevel()) {
                double f = termFrequency(i, comparison, a, b, levels);
                if (f > 0) {
                    w = log2(m[i][l] / Math.max(f, FLOOR));
                }
            }
            t += w;
        }
        return t;
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
                double f = termFrequency(i, comparison, a, b, levels);
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

    /**
     * A model from stored parameters (rows as {@link #parameters()} gives them) and a prior, without
     * term-frequency tables: the golden-pair tests decide a few records with the model of a whole run.
     */
    static FellegiSunterModel of(List<Comparison> comparisons, List<Parameter> parameters, double lambda) {
        double[][] m = new double[comparisons.size()][];
        double[][] u = new double[comparisons.size()][];
        List<Map<String, Double>> tf = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            m[i] = new double[c.levels().size()];
            u[i] = new double[c.levels().size()];
            for (Parameter p : parameters) {
                if (p.comparison().equals(c.name())) {
                    int l = c.levels().indexOf(p.level());
                    if (l < 0) {
                        throw new IllegalArgumentException("unknown level " + p.comparison() + " " + p.level());
                    }
                    m[i][l] = p.m();
                    u[i][l] = p.u();
                }
            }
            for (int l = 0; l < m[i].length; l++) {
                if (m[i][l] <= 0 || u[i][l] <= 0) {
                    throw new IllegalArgumentException("no parameters for " + c.name() + " " + c.levels().get(l));
                }
            }
            tf.add(Map.of());
        }
        return new FellegiSunterModel(comparisons, m, u, lambda, tf, 0);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
