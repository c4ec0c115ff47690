package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The record-linkage engine: blocking (several rules, candidate pairs unioned, never all pairs), levelled
 * comparisons, a Fellegi-Sunter model trained on the run's own records ({@link FellegiSunterModel}),
 * hard no-merge {@link Guards}, three bands by match weight (MATCH, REVIEW, else no match) and an
 * {@link Explanation} for every decision. Before returning it checks each cluster the accepted pairs
 * would form: every pair inside a cluster (up to {@code maxClusterCheck} records) is guarded and scored,
 * and a guarded pair or one below {@code splitWeight} is returned too, so that {@link ClusterBuilder}
 * splits the cluster instead of chaining.
 * <p>Deterministic: records are sorted by key first, the model uses a fixed seed, and every collection
 * that affects a result is iterated in a fixed order. Stateless: the model is returned with the result;
 * thread-safe.
 */
public final class ProbabilisticMatcher implements Matcher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbabilisticMatcher.class);

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private final MatchingProperties settings;
    private final List<Comparison> comparisons;
    private final List<BlockingRule> rules;
    private final List<BlockingRule> trainingRules;
    private final NameVariants variants;
    private final boolean linkOnly;
    private final boolean twinsGuard;
    /** The children's doubts about uncorroborated matches; null for other records (FEBRL). */
    private final Corroboration corroboration;

    /**
     * @param linkOnly   compare only records of different sources (FEBRL 4a against 4b)
     * @param twinsGuard whether the children's rules apply: the twins guard, and review instead of merge of a match
     *                   that nothing but the names and date of birth corroborates ({@link Corroboration})
     */
    public ProbabilisticMatcher(MatchingProperties settings, List<Comparison> comparisons, List<BlockingRule> rules,
            NameVariants variants, boolean linkOnly, boolean twinsGuard) {
        this(settings, comparisons, rules, rules, variants, linkOnly, twinsGuard);
    }

    /**
     * @param rules         the blocking rules that make the candidate pairs
     * @param trainingRules the rules whose pairs train m, one EM session each, each sampled down to at most
     *                      {@value #EM_SESSION_PAIRS} pairs (see {@link #trainingSessions})
     */
    public ProbabilisticMatcher(MatchingProperties settings, List<Comparison> comparisons, List<BlockingRule> rules,
            List<BlockingRule> trainingRules, NameVariants variants, boolean linkOnly, boolean twinsGuard) {
        this.settings = settings;
        this.comparisons = comparisons;
        this.rules = rules;
        this.trainingRules = trainingRules;
        this.variants = variants;
        this.linkOnly = linkOnly;
        this.twinsGuard = twinsGuard;
        this.corroboration = twinsGuard ? new Corroboration(comparisons) : null;
    }

    /** The client index's matcher: children's comparisons and blocking rules, every guard. */
    public static ProbabilisticMatcher forChildren(MatchingProperties settings, NameVariants variants) {
        return new ProbabilisticMatcher(settings, Comparisons.children(variants), BlockingRule.children(variants),
                BlockingRule.childrenTraining(), variants, false, true);
    }

    @Override
    public Result match(List<MatchRecord> input) {
        return match(input, null, LevelsSource.COMPUTE);
    }

    /** Matches taking the candidate pairs' comparison levels from {@code levels} (the same levels, maybe cached). */
    @Override
    public Result match(List<MatchRecord> input, LevelsSource levels) {
        return match(input, null, levels);
    }

    /**
     * Matches with a given model instead of training one on the records (the golden-pair tests use a reference
     * model, so that a handful of records is decided as it would be within a whole run).
     */
    Result match(List<MatchRecord> input, FellegiSunterModel given) {
        return match(input, given, LevelsSource.COMPUTE);
    }

    private Result match(List<MatchRecord> input, FellegiSunterModel given, LevelsSource levelsSource) {
        List<MatchRecord> records = new ArrayList<>(input);
        records.sort(Comparator.comparing(MatchRecord::key));
        int n = records.size();
        Map<String, Long> pairsByRule = new TreeMap<>();
        long t0 = System.nanoTime();
        long[] pairs = block(records, pairsByRule);
        long tBlock = System.nanoTime();

        // comparisons (or their cached levels) and decisions in parallel, each pair into its own slot
        int[][] levelsOf = levelsSource.levels(records, pairs, this::levels);
        List<int[]> vectors = Arrays.asList(levelsOf);
        long tLevels = System.nanoTime();
        List<FellegiSunterModel.Session> sessions = given != null ? List.of() : trainingSessions(records, pairs, levelsOf);
        long tSessions = System.nanoTime();
        FellegiSunterModel model = given != null ? given : FellegiSunterModel.train(comparisons, records, sessions, vectors,
                eligiblePairs(records), settings, this::eligible);
        long tModel = System.nanoTime();
        Guards guards = new Guards(variants, records, settings.twinNameMinCount(), twinsGuard, settings.unbornWindowDays());

        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Set<String> householdTwins = householdTwins(records, pairs, guards);
        // decided without explanations (a score is a sum of doubles); a plain non-match keeps only its score
        double[] scoreOf = new double[pairs.length];
        MatchDecision[] decided = new MatchDecision[pairs.length];
        java.util.stream.IntStream.range(0, pairs.length).parallel().forEach(k -> {
            MatchDecision d = decideUnexplained(model, records.get((int) (pairs[k] >>> 32)), records.get((int) pairs[k]),
                    levelsOf[k], guards, householdTwins);
            scoreOf[k] = d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD ? Double.NEGATIVE_INFINITY : d.score();
            decided[k] = d.verdict() == MatchDecision.Verdict.NO_MATCH ? null : d;
        });
        long tDecide = System.nanoTime();
        unbornAmbiguity(records, pairs, decided, guards);
        for (int k = 0; k < pairs.length; k++) {
            if (decided[k] != null && decided[k].verdict() == MatchDecision.Verdict.MATCH) {
                parent[find(parent, (int) (pairs[k] >>> 32))] = find(parent, (int) pairs[k]);
            }
        }
        // Stored: matches, review pairs, and a guarded pair only when it matters: it would otherwise have scored at
        // or above the review weight, or its records are in one would-be cluster (the clustering must split there).
        // Any other guarded pair (mostly two unrelated children with different NHS numbers) is counted by guard, not
        // stored: no accepted pair joins its records' clusters, and ClusterBuilder refuses NHS/UPN conflicts anyway.
        Map<String, Long> guardedNotStored = new TreeMap<>();
        int[] stored = new int[pairs.length];
        int storedCount = 0;
        for (int k = 0; k < pairs.length; k++) {
            MatchDecision d = decided[k];
            if (d == null) {
                continue;
            }
            if (d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD && d.score() < settings.reviewWeight()
                    && find(parent, (int) (pairs[k] >>> 32)) != find(parent, (int) pairs[k])) {
                guardedNotStored.merge(d.rule(), 1L, Long::sum);
                continue;
            }
            stored[storedCount++] = k;
        }
        // an explanation only for a stored pair, built on all cores, each into its own slot
        MatchDecision[] explained = new MatchDecision[storedCount];
        java.util.stream.IntStream.range(0, storedCount).parallel().forEach(x -> {
            int k = stored[x];
            MatchDecision d = decided[k];
            explained[x] = new MatchDecision(d.left(), d.right(), d.verdict(), d.rule(), d.score(),
                    model.explain(records.get((int) (pairs[k] >>> 32)), records.get((int) pairs[k]), levelsOf[k]));
        });
        List<MatchDecision> decisions = new ArrayList<>(Arrays.asList(explained));
        java.util.Arrays.fill(decided, null);
        long tExplain = System.nanoTime();
        decisions.addAll(clusterCheck(model, records, parent, pairs, scoreOf, guards));
        decisions.sort(Comparator.comparing(MatchDecision::left).thenComparing(MatchDecision::right));
        LOG.info("matcher phases: blocking {} ms, levels {} ms, training pairs {} ms, model {} ms, guards and decisions {} ms,"
                + " explanations {} ms, cluster check and order {} ms ({} records, {} pairs, {} decisions)",
                ms(tBlock - t0), ms(tLevels - tBlock), ms(tSessions - tLevels), ms(tModel - tSessions), ms(tDecide - tModel),
                ms(tExplain - tDecide), ms(System.nanoTime() - tExplain), n, pairs.length, decisions.size());
        return new Result(decisions, pairsByRule, pairs.length, model, guardedNotStored);
    }

    /**
     * Keys of the records that live with a likely twin: another record at the same address with (about) the same
     * date of birth and a different first name, or another spelling of it (the twins rule does not say NONE).
     */
    private Set<String> householdTwins(List<MatchRecord> records, long[] pairs, Guards guards) {
        Set<String> keys = new java.util.HashSet<>();
        if (!twinsGuard) {
            return keys;
        }
        // each pair judged on all cores into its own slot, the keys collected in order
        boolean[] twins = new boolean[pairs.length];
        java.util.stream.IntStream.range(0, pairs.length).parallel().forEach(k -> {
            MatchRecord a = records.get((int) (pairs[k] >>> 32));
            MatchRecord b = records.get((int) pairs[k]);
            twins[k] = Comparisons.intersects(a.addresses(), b.addresses()) && guards.twins(a, b) != Guards.Twins.NONE;
        });
        for (int k = 0; k < pairs.length; k++) {
            if (twins[k]) {
                keys.add(records.get((int) (pairs[k] >>> 32)).key());
                keys.add(records.get((int) pairs[k]).key());
            }
        }
        return keys;
    }

    /** The decision on one pair, not knowing which records live with a likely twin. */
    public MatchDecision decide(FellegiSunterModel model, MatchRecord a, MatchRecord b, int[] levels, Guards guards) {
        return decide(model, a, b, levels, guards, Set.of());
    }

    /**
     * The decision on one pair (keys in order), with its explanation.
     *
     * @param householdTwins keys of records living with a likely twin: such a record is not merged with another
     *                       spelling of its name (Sophie/Sophia) without an identifier in common
     */
    public MatchDecision decide(FellegiSunterModel model, MatchRecord a, MatchRecord b, int[] levels, Guards guards,
            Set<String> householdTwins) {
        MatchDecision d = decideUnexplained(model, a, b, levels, guards, householdTwins);
        return new MatchDecision(d.left(), d.right(), d.verdict(), d.rule(), d.score(), model.explain(a, b, levels));
    }

    /** {@link #decide} without building the explanation (the score is the same double as the explanation's total). */
    private MatchDecision decideUnexplained(FellegiSunterModel model, MatchRecord a, MatchRecord b, int[] levels,
            Guards guards, Set<String> householdTwins) {
        Explanation e = null;
        double w = model.score(a, b, levels);
        if (a.nhsNumber() != null && a.nhsNumber().equals(b.nhsNumber())) {
            // the same valid NHS number is one child whatever else differs (the index's contract)
            return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.MATCH, "NHS_EXACT", w, e);
        }
        String guard = guards.check(a, b);
        if (guard != null) {
            return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.NO_MATCH_GUARD, guard, w, e);
        }
        if (a.unborn() != b.unborn()) {
            // an unborn record and a born child's: never on similarity, only by the unborn rule (the guard
            // has checked family name and date window): the same address or postcode as well
            boolean place = Comparisons.intersects(a.addresses(), b.addresses())
                    || Comparisons.intersects(a.postcodes(), b.postcodes());
            return new MatchDecision(a.key(), b.key(), place ? MatchDecision.Verdict.MATCH : MatchDecision.Verdict.NO_MATCH,
                    place ? UNBORN_LINK : "UNBORN_NOT_LINKED", w, e);
        }
        if (w >= settings.matchWeight()) {
            if (twinsGuard && guards.twins(a, b) == Guards.Twins.SPELLING && (Comparisons.intersects(a.addresses(), b.addresses())
                    || householdTwins.contains(a.key()) || householdTwins.contains(b.key()))) {
                // Sophie and Sophia with one date of birth and household: one child or twins; a person decides
                return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.REVIEW, "REVIEW_TWINS_OR_SPELLING", w, e);
            }
            String doubt = corroboration == null ? null : corroboration.doubt(a, b, levels);
            if (doubt != null) {
                // names and date of birth alone, where two children sharing them is likelier than usual
                return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.REVIEW, doubt, w, e);
            }
            return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.MATCH, "FS_MATCH", w, e);
        }
        if (w >= settings.reviewWeight()) {
            return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.REVIEW, "FS_REVIEW", w, e);
        }
        return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.NO_MATCH,
                w < settings.splitWeight() ? "FS_FAR_BELOW" : "FS_NON_MATCH", w, e);
    }

    static final String UNBORN_LINK = "UNBORN_LINK";

    /**
     * An unborn record that the unborn rule would link to born records of two different children (twins, or
     * records a guard keeps apart) is ambiguous: each of those links goes to review instead.
     */
    private static void unbornAmbiguity(List<MatchRecord> records, long[] pairs, MatchDecision[] decided, Guards guards) {
        Map<Integer, List<Integer>> linksOf = new TreeMap<>();
        for (int k = 0; k < pairs.length; k++) {
            if (decided[k] != null && UNBORN_LINK.equals(decided[k].rule())) {
                int i = (int) (pairs[k] >>> 32);
                int j = (int) pairs[k];
                linksOf.computeIfAbsent(records.get(i).unborn() ? i : j, x -> new ArrayList<>()).add(k);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : linksOf.entrySet()) {
            List<Integer> links = e.getValue();
            boolean ambiguous = false;
            for (int x = 0; x < links.size() && !ambiguous; x++) {
                for (int y = x + 1; y < links.size() && !ambiguous; y++) {
                    MatchRecord p = other(records, pairs[links.get(x)], e.getKey());
                    MatchRecord q = other(records, pairs[links.get(y)], e.getKey());
                    if (!p.unborn() && !q.unborn() && (guards.check(p, q) != null || guards.twins(p, q) != Guards.Twins.NONE)) {
                        ambiguous = true;
                    }
                }
            }
            if (ambiguous) {
                for (int k : links) {
                    MatchDecision d = decided[k];
                    decided[k] = new MatchDecision(d.left(), d.right(), MatchDecision.Verdict.REVIEW, "REVIEW_UNBORN_AMBIGUOUS",
                            d.score(), d.explanation());
                }
            }
        }
    }

    private static MatchRecord other(List<MatchRecord> records, long pair, int index) {
        int i = (int) (pair >>> 32);
        int j = (int) pair;
        return records.get(i == index ? j : i);
    }

    int[] levels(MatchRecord a, MatchRecord b) {
        int[] v = new int[comparisons.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = comparisons.get(i).level(a, b);
        }
        return v;
    }

    private boolean eligible(MatchRecord a, MatchRecord b) {
        return !linkOnly || !a.source().equals(b.source());
    }

    /** Candidate pairs as sorted distinct {@code i << 32 | j} with {@code i < j}; counts per rule. */
    private double eligiblePairs(List<MatchRecord> records) {
        double n = records.size();
        double all = n * (n - 1) / 2;
        if (linkOnly) {
            Map<String, Long> perSource = new TreeMap<>();
            records.forEach(r -> perSource.merge(r.source(), 1L, Long::sum));
            for (long k : perSource.values()) {
                all -= (double) k * (k - 1) / 2;
            }
        }
        return all;
    }

    /**
     * The candidate pairs of every rule ({@link #pairsOf}), unioned, sorted and distinct, as {@code i << 32 | j}
     * with {@code i < j}; each rule's count of pairs into {@code pairsByRule}.
     */
    private long[] block(List<MatchRecord> records, Map<String, Long> pairsByRule) {
        long[][] ofRule = new long[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            BlockingRule rule = rules.get(r);
            long[] distinct = pairsOf(records, rule, 1.0, pairsByRule);
            pairsByRule.put(rule.name(), (long) distinct.length); // a pair two keys of the rule share counts once
            ofRule[r] = distinct;
        }
        long total = 0;
        for (long[] p : ofRule) {
            total += p.length;
        }
        long[] all = new long[Math.toIntExact(total)];
        int at = 0;
        for (long[] p : ofRule) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return distinct(all, all.length);
    }

    /** Most pairs one EM session trains on: a training rule with more pairs is sampled down to about this many. */
    static final int EM_SESSION_PAIRS = 50_000;

    /**
     * One EM session per training rule. A training rule is broad (the date of birth alone, say) so that its pairs
     * are mostly unrelated records and EM separates matches from non-matches cleanly; the candidate rules are
     * narrow (each key combines two fields), and EM on their pairs alone would take siblings and twins, who share
     * a date of birth and a family name, for matches. Such a rule makes too many pairs to compare at scale, so it is
     * sampled down to about {@value #EM_SESSION_PAIRS} pairs by sampling records (see {@link #pairsOf}):
     * reproducible, and it keeps the share of matches among the pairs. Levels come from the candidate pairs'
     * where the pair is a candidate, else are computed (on all cores, each into its own slot).
     */
    private List<FellegiSunterModel.Session> trainingSessions(List<MatchRecord> records, long[] pairs, int[][] levelsOf) {
        List<FellegiSunterModel.Session> sessions = new ArrayList<>();
        for (BlockingRule rule : trainingRules) {
            long[] sample = pairsOf(records, rule, EM_SESSION_PAIRS, new TreeMap<>());
            int[][] v = new int[sample.length][];
            java.util.stream.IntStream.range(0, sample.length).parallel().forEach(k -> {
                int at = Arrays.binarySearch(pairs, sample[k]);
                v[k] = at >= 0 ? levelsOf[at]
                        : levels(records.get((int) (sample[k] >>> 32)), records.get((int) sample[k]));
            });
            sessions.add(new FellegiSunterModel.Session(rule.name(), rule.fixes(), Arrays.asList(v)));
        }
        return sessions;
    }

    /**
     * The pairs of one rule, sorted and distinct, as {@code i << 32 | j} with {@code i < j}. {@code limit} above 1
     * samples: when the rule has more pairs than that, only the pairs of sampled records are kept, each record
     * kept by a hash of its index and the rule's name with probability sqrt(limit / pairs) (about limit pairs, and
     * the share of matches among them unchanged). A one-sided rule pairs, within a block, only records of which at least one is a probe.
     * <p>Blocks are found by sorting, not in a map of keys: each key of each record becomes one {@code long}, the
     * key's 64-bit hash in the high bits and the record's index in the low bits, computed on all cores; sorted, the
     * entries of one key are adjacent and in record order. Two keys whose hashes agree in the high bits would share a
     * block: its extra pairs are only compared, never taken as evidence (about one such coincidence among millions
     * of keys). The result is a pure function of the records.
     */
    private long[] pairsOf(List<MatchRecord> records, BlockingRule rule, double limit, Map<String, Long> oversized) {
        int n = records.size();
        int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
        long indexMask = (1L << indexBits) - 1;
        long[][] ofRecord = new long[n][];
        boolean[] probe = new boolean[n];
        // the records' keys on all cores, in slices of records that each reuse one key buffer (a thread-local
        // buffer per record cost about 5% of matchRecords in ThreadLocal look-ups at 1,000,000 children)
        int keySlices = Math.max(1, Math.min(n / 1024, 16 * Runtime.getRuntime().availableProcessors()));
        java.util.stream.IntStream.range(0, keySlices).parallel().forEach(s -> {
            BlockingKeys.Hashes keys = new BlockingKeys.Hashes();
            for (int i = (int) ((long) n * s / keySlices), end = (int) ((long) n * (s + 1) / keySlices); i < end; i++) {
                MatchRecord r = records.get(i);
                rule.maker().keys(r, keys.clear());
                long[] e = keys.distinct();
                for (int k = 0; k < e.length; k++) {
                    e[k] = (e[k] & ~indexMask) | i;
                }
                ofRecord[i] = e;
                probe[i] = rule.probe() != null && rule.probe().test(r);
            }
        });
        int entriesCount = 0;
        for (long[] e : ofRecord) {
            entriesCount += e.length;
        }
        long[] entries = new long[entriesCount];
        int w = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(ofRecord[i], 0, entries, w, ofRecord[i].length);
            w += ofRecord[i].length;
            ofRecord[i] = null;
        }
        Arrays.parallelSort(entries);
        double total = 0;
        for (int a = 0; a < entries.length; ) {
            int b = runEnd(entries, a, indexMask);
            if (b - a <= settings.maxBlockSize()) {
                total += (double) (b - a) * (b - a - 1) / 2;
            }
            a = b;
        }
        // a sample keeps the pairs of two sampled records, each record kept with probability sqrt(limit / total):
        // about limit pairs, the same share of matches, and only the kept records' pairs are enumerated
        boolean[] kept = null;
        if (limit > 1 && total > limit) {
            kept = new boolean[n];
            long threshold = (long) (Long.MAX_VALUE * Math.sqrt(limit / total));
            long salt = BlockingKeys.hash64(rule.name());
            for (int i = 0; i < n; i++) {
                kept[i] = (BlockingKeys.mix(salt + i * 0x9e3779b97f4a7c15L) >>> 1) < threshold;
            }
        }
        // the blocks enumerated on all cores: the entries cut into slices at block boundaries, each slice's pairs
        // into its own array; the union is sorted, so the result does not depend on the slicing
        int slices = Math.max(1, Math.min(entries.length / 4096, 4 * Runtime.getRuntime().availableProcessors()));
        int[] cut = new int[slices + 1];
        for (int s = 1; s < slices; s++) {
            int at = Math.max(cut[s - 1], (int) ((long) entries.length * s / slices));
            cut[s] = at == 0 || at >= entries.length ? at : runEnd(entries, at - 1, indexMask);
        }
        cut[slices] = entries.length;
        boolean[] sampled = kept;
        long[][] ofSlice = new long[slices][];
        int[] oversizedOf = new int[slices];
        java.util.stream.IntStream.range(0, slices).parallel().forEach(s -> {
            long[] mine = new long[1024];
            int size = 0;
            for (int a = Math.min(cut[s], cut[s + 1]); a < cut[s + 1]; ) {
                int b = runEnd(entries, a, indexMask);
                if (b - a > settings.maxBlockSize()) {
                    oversizedOf[s]++;
                    a = b;
                    continue;
                }
                for (int x = a; x < b; x++) {
                    int i = (int) (entries[x] & indexMask);
                    if (sampled != null && !sampled[i]) {
                        continue;
                    }
                    for (int y = x + 1; y < b; y++) {
                        int j = (int) (entries[y] & indexMask);
                        if (i == j || (sampled != null && !sampled[j]) || (rule.probe() != null && !probe[i] && !probe[j])
                                || !eligible(records.get(i), records.get(j))) {
                            continue;
                        }
                        if (size == mine.length) {
                            mine = Arrays.copyOf(mine, size * 2);
                        }
                        mine[size++] = ((long) i << 32) | j; // i < j: a run is in record order
                    }
                }
                a = b;
            }
            ofSlice[s] = size == mine.length ? mine : Arrays.copyOf(mine, size);
        });
        long oversizedBlocks = 0;
        long pairCount = 0;
        for (int s = 0; s < slices; s++) {
            oversizedBlocks += oversizedOf[s];
            pairCount += ofSlice[s].length;
        }
        if (oversizedBlocks > 0) {
            oversized.merge(rule.name() + "_OVERSIZED_BLOCKS", oversizedBlocks, Long::sum);
        }
        long[] mine = new long[Math.toIntExact(pairCount)];
        int size = 0;
        for (int s = 0; s < slices; s++) {
            System.arraycopy(ofSlice[s], 0, mine, size, ofSlice[s].length);
            size += ofSlice[s].length;
            ofSlice[s] = null;
        }
        return distinct(mine, size);
    }

    /** The end (exclusive) of the run of entries with the key hash of {@code entries[from]}. */
    private static int runEnd(long[] entries, int from, long indexMask) {
        long key = entries[from] & ~indexMask;
        int b = from + 1;
        while (b < entries.length && (entries[b] & ~indexMask) == key) {
            b++;
        }
        return b;
    }

    /** The first {@code size} values sorted (on all cores) and without repeats. */
    private static long[] distinct(long[] values, int size) {
        long[] sorted = values.length == size ? values : Arrays.copyOf(values, size);
        Arrays.parallelSort(sorted);
        int w = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (w == 0 || sorted[k] != sorted[w - 1]) {
                sorted[w++] = sorted[k];
            }
        }
        return w == sorted.length ? sorted : Arrays.copyOf(sorted, w);
    }

    /** Guarded or far-below pairs inside the clusters the accepted pairs form. */
    private List<MatchDecision> clusterCheck(FellegiSunterModel model, List<MatchRecord> records, int[] parent, long[] pairs,
            double[] scoreOf, Guards guards) {
        // only the clusters of 3 to maxClusterCheck records are checked: sizes first, then their members in order
        int n = records.size();
        int[] sizeOf = new int[n];
        for (int i = 0; i < n; i++) {
            sizeOf[find(parent, i)]++;
        }
        Map<Integer, List<Integer>> clusters = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (sizeOf[root] >= 3 && sizeOf[root] <= settings.maxClusterCheck()) {
                clusters.computeIfAbsent(root, k -> new ArrayList<>()).add(i);
            }
        }
        List<MatchDecision> found = new ArrayList<>();
        for (List<Integer> members : clusters.values()) {
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    int i = members.get(a);
                    int j = members.get(b);
                    long key = ((long) i << 32) | j;
                    int at = Arrays.binarySearch(pairs, key);
                    Double w = at >= 0 ? scoreOf[at] : null;
                    if (w != null && w >= settings.splitWeight()) {
                        continue; // already decided: a match, a review pair or a mild non-match
                    }
                    if (w != null && w == Double.NEGATIVE_INFINITY) {
                        continue; // a guarded pair, already among the decisions
                    }
                    MatchDecision d = decide(model, records.get(i), records.get(j), levels(records.get(i), records.get(j)), guards);
                    if (d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD
                            || (d.verdict() == MatchDecision.Verdict.NO_MATCH && d.score() < settings.splitWeight()
                                    && !d.rule().startsWith("UNBORN"))) {
                        found.add(d);
                    }
                }
            }
        }
        return found;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

}
