package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns accepted pairs into clusters without chaining: pairs are applied strongest first, and two
 * clusters are joined only if the result would hold no two different valid NHS numbers, no two different
 * valid permanent UPNs and no pair refused by a guard or scored far below the thresholds
 * ({@code NO_MATCH} decisions: the matcher reports only those it found inside a would-be cluster). A refused
 * join is counted as {@code CHAIN_BLOCKED} and its pair is listed by {@link #refused()} for review. With
 * {@link #oneRecordPerSource()} a cluster holds at most one record of each source (linking two files
 * without duplicates, as FEBRL 4a and 4b). The cluster key is the smallest member key, so the result does not depend on the
 * input order.
 * <p>Records are numbered in key order and held in arrays (a union-find forest, each cluster's members as a
 * circular list, guarded partners in one packed array): a million records take tens of megabytes, not the
 * gigabyte of per-record maps and sets. A cluster holds at most one valid NHS number (a second one refuses
 * the join), so one value per cluster is kept. Not thread-safe: one instance per clustering.
 */
public final class ClusterBuilder {

    private final String[] keys;
    /** Record key to its index in {@code keys}: a hash look-up (a binary search per pair was half of this work). */
    private final java.util.function.ToIntFunction<String> indexOf;
    private final int[] parent;
    private final int[] size;
    private final int[] next;
    private final String[] nhs;
    private final Set<String>[] upn;
    private final Map<String, String> formerUpns = new HashMap<>();
    private final long[] sources;
    private int[] guardStart;
    private int[] guardTo;
    private final List<MatchDecision> refused = new ArrayList<>();
    private boolean onePerSource;
    private long chainBlocked;

    @SuppressWarnings("unchecked")
    public ClusterBuilder(List<MatchRecord> records) {
        List<MatchRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(MatchRecord::key));
        int n = sorted.size();
        keys = new String[n];
        parent = new int[n];
        size = new int[n];
        next = new int[n];
        nhs = new String[n];
        upn = new Set[n];
        sources = new long[n];
        Map<String, Integer> sourceBits = new HashMap<>();
        for (int i = 0; i < n; i++) {
            MatchRecord r = sorted.get(i);
            keys[i] = r.key();
            parent[i] = i;
            size[i] = 1;
            next[i] = i;
            nhs[i] = r.nhsNumber();
            if (r.upn() != null) {
                upn[i] = new LinkedHashSet<>(List.of(r.upn()));
            }
            int bit = sourceBits.computeIfAbsent(r.source(), s -> sourceBits.size());
            sources[i] = bit < 64 ? 1L << bit : 0; // more than 64 sources: the one-per-source check is not kept
            r.formerUpns().forEach(f -> formerUpns.put(f, r.upn()));
        }
        guardStart = new int[n + 1];
        guardTo = new int[0];
        indexOf = KeyIndex.of(keys);
    }

    /** Applies the decisions: guards first, then matches by descending score, then key order. */
    public ClusterBuilder apply(List<MatchDecision> decisions) {
        int n = keys.length;
        int[] count = new int[n + 1];
        List<int[]> guarded = new ArrayList<>();
        for (MatchDecision d : decisions) {
            if (d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD || d.verdict() == MatchDecision.Verdict.NO_MATCH) {
                int a = index(d.left());
                int b = index(d.right());
                if (a < 0 || b < 0) {
                    continue; // a pair of records this clustering does not hold: nothing to keep apart
                }
                guarded.add(new int[] { a, b });
                count[a]++;
                count[b]++;
            }
        }
        // every guard so far (an earlier apply's too) in one packed array, per record
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + (guardStart[i + 1] - guardStart[i]) + count[i];
        }
        int[] to = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int g = guardStart[i]; g < guardStart[i + 1]; g++) {
                to[fill[i]++] = guardTo[g];
            }
        }
        for (int[] p : guarded) {
            to[fill[p[0]]++] = p[1];
            to[fill[p[1]]++] = p[0];
        }
        guardStart = start;
        guardTo = to;
        decisions.stream().filter(d -> d.verdict() == MatchDecision.Verdict.MATCH)
                .sorted(Comparator.comparingDouble(MatchDecision::score).reversed()
                        .thenComparing(MatchDecision::left).thenComparing(MatchDecision::right))
                .forEach(d -> {
                    if (!union(index(d.left()), index(d.right()))) {
                        refused.add(d);
                    }
                });
        return this;
    }

    /** From now on, refuse a join that would put two records of one source in a cluster. */
    public ClusterBuilder oneRecordPerSource() {
        onePerSource = true;
        return this;
    }

    /** Accepted pairs whose join was refused (the cluster was split there): they go to clerical review. */
    public List<MatchDecision> refused() {
        return refused;
    }

    public long chainBlocked() {
        return chainBlocked;
    }

    /** Record key to cluster key (the cluster's smallest member key). */
    public Map<String, String> clusters() {
        Map<String, String> result = new HashMap<>(keys.length * 2);
        forEachMember(result::put);
        return result;
    }

    /**
     * Every record key with its cluster key (the cluster's smallest member key), in record key order, without
     * building a map.
     */
    public void forEachMember(BiConsumer<String, String> memberAndCluster) {
        int n = keys.length;
        int[] smallest = new int[n];
        Arrays.fill(smallest, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int r = root(i);
            smallest[r] = Math.min(smallest[r], i); // keys are sorted: the smallest index is the smallest key
        }
        for (int i = 0; i < n; i++) {
            memberAndCluster.accept(keys[i], keys[smallest[root(i)]]);
        }
    }

    private int index(String key) {
        return indexOf.applyAsInt(key);
    }

    private int root(int x) {
        int r = x;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[x] != r) {
            int up = parent[x];
            parent[x] = r;
            x = up;
        }
        return r;
    }

    private boolean union(int a, int b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("an accepted pair names a record the clustering does not hold");
        }
        int ra = root(a);
        int rb = root(b);
        if (ra == rb) {
            return true;
        }
        if (nhsConflict(nhs[ra], nhs[rb]) || upnConflict(upn[ra], upn[rb]) || guarded(ra, rb)
                || (onePerSource && (sources[ra] & sources[rb]) != 0)) {
            chainBlocked++;
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        int t = next[ra]; // splice the two circular member lists
        next[ra] = next[rb];
        next[rb] = t;
        if (nhs[ra] == null) {
            nhs[ra] = nhs[rb];
        }
        if (upn[rb] != null) {
            if (upn[ra] == null) {
                upn[ra] = upn[rb];
            } else {
                upn[ra].addAll(upn[rb]);
            }
        }
        sources[ra] |= sources[rb];
        nhs[rb] = null;
        upn[rb] = null;
        return true;
    }

    private static boolean nhsConflict(String x, String y) {
        return x != null && y != null && !x.equals(y);
    }

    /** Two clusters' UPNs conflict unless they are equal or each UPN of one is a former UPN of one of the other. */
    private boolean upnConflict(Set<String> x, Set<String> y) {
        if (x == null || y == null || x.equals(y)) {
            return false;
        }
        for (String p : x) {
            for (String q : y) {
                if (!p.equals(q) && !q.equals(formerUpns.get(p)) && !p.equals(formerUpns.get(q))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a member of one cluster is guarded against a member of the other (walks the smaller cluster). */
    private boolean guarded(int ra, int rb) {
        int small = size[ra] <= size[rb] ? ra : rb;
        int other = small == ra ? rb : ra;
        int m = small;
        do {
            for (int g = guardStart[m]; g < guardStart[m + 1]; g++) {
                if (root(guardTo[g]) == other) {
                    return true;
                }
            }
            m = next[m];
        } while (m != small);
        return false;
    }
}
