package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The string-keyed clustering before issue 8 (kept as the reference for ClusterBuilderTest). */
/**
 * Turns accepted pairs into clusters without chaining: pairs are applied strongest first, and two
 * clusters are joined only if the result would hold no two different valid NHS numbers, no two different
 * valid permanent UPNs and no pair refused by a guard or scored far below the thresholds
 * ({@code NO_MATCH} decisions: the matcher reports only those it found inside a would-be cluster). A refused
 * join is counted as {@code CHAIN_BLOCKED} and its pair is listed by {@link #refused()} for review. With
 * {@link #oneRecordPerSource()} a cluster holds at most one record of each source (linking two files
 * without duplicates, as FEBRL 4a and 4b). The cluster key is the smallest member key, so the result does not depend on the
 * input order. Not thread-safe: one instance per clustering.
 */
final class ReferenceClusterBuilder {

    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, Set<String>> nhs = new HashMap<>();
    private final Map<String, Set<String>> upn = new HashMap<>();
    private final Map<String, Set<String>> guards = new HashMap<>();
    private final Map<String, String> formerUpns = new HashMap<>();
    private final Map<String, Set<String>> sources = new HashMap<>();
    private final List<MatchDecision> refused = new ArrayList<>();
    private boolean onePerSource;
    private long chainBlocked;

    ReferenceClusterBuilder(List<MatchRecord> records) {
        for (MatchRecord r : records) {
            parent.put(r.key(), r.key());
            members.put(r.key(), new ArrayList<>(List.of(r.key())));
            nhs.put(r.key(), r.nhsNumber() == null ? new HashSet<>() : new HashSet<>(Set.of(r.nhsNumber())));
            upn.put(r.key(), r.upn() == null ? new HashSet<>() : new HashSet<>(Set.of(r.upn())));
            sources.put(r.key(), new HashSet<>(Set.of(r.source())));
            r.formerUpns().forEach(f -> formerUpns.put(f, r.upn()));
        }
    }

    /** Applies the decisions: guards first, then matches by descending score, then key order. */
    ReferenceClusterBuilder apply(List<MatchDecision> decisions) {
        for (MatchDecision d : decisions) {
            if (d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD || d.verdict() == MatchDecision.Verdict.NO_MATCH) {
                guards.computeIfAbsent(d.left(), k -> new HashSet<>()).add(d.right());
                guards.computeIfAbsent(d.right(), k -> new HashSet<>()).add(d.left());
            }
        }
        decisions.stream().filter(d -> d.verdict() == MatchDecision.Verdict.MATCH)
                .sorted(Comparator.comparingDouble(MatchDecision::score).reversed()
                        .thenComparing(MatchDecision::left).thenComparing(MatchDecision::right))
                .forEach(d -> {
                    if (!union(d.left(), d.right())) {
                        refused.add(d);
                    }
                });
        return this;
    }

    /** From now on, refuse a join that would put two records of one source in a cluster. */
    ReferenceClusterBuilder oneRecordPerSource() {
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

    private boolean union(String a, String b) {
        String ra = root(a);
        String rb = root(b);
        if (ra.equals(rb)) {
            return true;
        }
        if (conflicts(nhs.get(ra), nhs.get(rb)) || upnConflict(upn.get(ra), upn.get(rb)) || guarded(ra, rb)
                || (onePerSource && !java.util.Collections.disjoint(sources.get(ra), sources.get(rb)))) {
            chainBlocked++;
            return false;
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
        sources.get(ra).addAll(sources.get(rb));
        return true;
    }

    /** Two clusters' UPNs conflict unless they are equal or each UPN of one is a former UPN of one of the other. */
    private boolean upnConflict(Set<String> x, Set<String> y) {
        if (!conflicts(x, y)) {
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
