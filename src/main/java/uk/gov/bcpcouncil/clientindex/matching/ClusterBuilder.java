package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns accepted pairs into clusters without chaining: pairs are applied strongest first, and two
 * clusters are joined only if the result would hold no two different valid NHS numbers, no two different
 * valid permanent UPNs and no pair refused by a guard. A refused join is counted as
 * {@code CHAIN_BLOCKED}. The cluster key is the smallest member key, so the result does not depend on the
 * input order. Not thread-safe: one instance per clustering.
 */
public final class ClusterBuilder {

    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, Set<String>> nhs = new HashMap<>();
    private final Map<String, Set<String>> upn = new HashMap<>();
    private final Map<String, Set<String>> guards = new HashMap<>();
    private long chainBlocked;

    public ClusterBuilder(List<MatchRecord> records) {
        for (MatchRecord r : records) {
            parent.put(r.key(), r.key());
            members.put(r.key(), new ArrayList<>(List.of(r.key())));
            nhs.put(r.key(), r.nhsNumber() == null ? new HashSet<>() : new HashSet<>(Set.of(r.nhsNumber())));
            upn.put(r.key(), r.upn() == null ? new HashSet<>() : new HashSet<>(Set.of(r.upn())));
        }
    }

    /** Applies the decisions: guards first, then matches by descending score, then key order. */
    public ClusterBuilder apply(List<MatchDecision> decisions) {
        for (MatchDecision d : decisions) {
            if (d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD) {
                guards.computeIfAbsent(d.left(), k -> new HashSet<>()).add(d.right());
                guards.computeIfAbsent(d.right(), k -> new HashSet<>()).add(d.left());
            }
        }
        decisions.stream().filter(d -> d.verdict() == MatchDecision.Verdict.MATCH)
                .sorted(Comparator.comparingDouble(MatchDecision::score).reversed()
                        .thenComparing(MatchDecision::left).thenComparing(MatchDecision::right))
                .forEach(d -> union(d.left(), d.right()));
        return this;
    }

    public long chainBlocked() {
        return chainBlocked;
    }

    /** Record key to cluster key (the cluster's smallest member key). */
    public Map<String, String> clusters() {
        Map<String, String> result = new HashMap<>();
        for (List<String> group : members.values()) {
            if (group.isEmpty()) {
                continue;
            }
            String clusterKey = group.stream().min(String::compareTo).orElseThrow();
            group.forEach(k -> result.put(k, clusterKey));
        }
        return result;
    }

    private String root(String key) {
        String r = key;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        parent.put(key, r);
        return r;
    }

    private void union(String a, String b) {
        String ra = root(a);
        String rb = root(b);
        if (ra.equals(rb)) {
            return;
        }
        if (conflicts(nhs.get(ra), nhs.get(rb)) || conflicts(upn.get(ra), upn.get(rb)) || guarded(ra, rb)) {
            chainBlocked++;
            return;
        }
        if (members.get(ra).size() < members.get(rb).size()) {
            String t = ra;
            ra = rb;
            rb = t;
        }
        parent.put(rb, ra);
        members.get(ra).addAll(members.get(rb));
        members.get(rb).clear();
        nhs.get(ra).addAll(nhs.get(rb));
        upn.get(ra).addAll(upn.get(rb));
    }

    private static boolean conflicts(Set<String> x, Set<String> y) {
        return !x.isEmpty() && !y.isEmpty() && !x.equals(y);
    }

    private boolean guarded(String ra, String rb) {
        List<String> small = members.get(ra).size() <= members.get(rb).size() ? members.get(ra) : members.get(rb);
        String other = small == members.get(ra) ? rb : ra;
        for (String m : small) {
            for (String g : guards.getOrDefault(m, Set.of())) {
                if (root(g).equals(other)) {
                    return true;
                }
            }
        }
        return false;
    }
}
