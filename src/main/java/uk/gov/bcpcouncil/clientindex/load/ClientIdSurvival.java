package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The survival rule of client IDs when clusters change between the basis (the live index, else the last
 * completed run) and this run. Deterministic; it depends only on the counts, never on an iteration order:
 * <ol>
 * <li>Every pair (new cluster, basis ID) is scored by how many of the cluster's records had that ID in the
 * basis. Pairs are taken in order of that count (highest first), then the oldest ID (lowest sequence), then
 * the smallest cluster key; a pair whose cluster already has an ID or whose ID is already taken is skipped.
 * So a cluster inherits the ID of the earlier client holding most of its records (ties: the oldest ID), and
 * an ID stays with the part of a split holding most of its former records (ties: the part with the smallest
 * cluster key).</li>
 * <li>A cluster left without an ID gets a new one ({@code CREATED}).</li>
 * <li>A basis ID kept by one cluster while some of its former records are in other clusters is {@code SPLIT}
 * (one event per other cluster, naming that cluster's ID).</li>
 * <li>A basis ID that no cluster kept is {@code MERGED} into the ID of the cluster now holding most of its
 * former records (ties: the oldest ID), its successor; when none of its records is indexed any more it is
 * {@code RETIRED} with no successor.</li>
 * </ol>
 * Thread safety: an instance is used by one thread.
 */
public final class ClientIdSurvival {

    /** One ID event of a run. {@code related} is the successor (MERGED) or the other part (SPLIT), else "". */
    public record Event(String clientId, String event, String related) {
    }

    public static final String CREATED = "CREATED";
    public static final String MERGED = "MERGED";
    public static final String SPLIT = "SPLIT";
    public static final String RETIRED = "RETIRED";

    /** @param seq the ID's sequence number, read once (sorting a million votes read it tens of millions of times) */
    private record Vote(String cluster, String id, long count, long seq) {
    }

    private final List<Vote> votes = new ArrayList<>();
    private final Set<String> basisIds = new TreeSet<>();
    private final Map<String, String> idOfCluster = new HashMap<>();
    private final Set<String> created = new TreeSet<>();

    /** Every client ID of the basis index (also those whose records are all gone now). */
    public void basisId(String id) {
        basisIds.add(id);
    }

    /** {@code count} records of new cluster {@code cluster} had basis ID {@code id}. */
    public void vote(String cluster, String id, long count) {
        votes.add(new Vote(cluster, id, count, ClientIds.sequenceOf(id)));
        basisIds.add(id);
    }

    /** Applies rule 1: the inherited ID of each cluster that inherits one. */
    public Map<String, String> inherit() {
        List<Vote> ordered = new ArrayList<>(votes);
        ordered.sort(Comparator.comparingLong(Vote::count).reversed()
                .thenComparingLong(Vote::seq)
                .thenComparing(Vote::cluster));
        Set<String> taken = new HashSet<>();
        for (Vote v : ordered) {
            if (!idOfCluster.containsKey(v.cluster()) && !taken.contains(v.id())) {
                idOfCluster.put(v.cluster(), v.id());
                taken.add(v.id());
            }
        }
        return Map.copyOf(idOfCluster);
    }

    /** Records that a cluster got a new ID. */
    public void created(String cluster, String id) {
        idOfCluster.put(cluster, id);
        created.add(id);
    }

    /** Every event, sorted by ID, event and related ID. Call after every cluster has its ID. */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        created.forEach(id -> events.add(new Event(id, CREATED, "")));
        Set<String> kept = new HashSet<>(idOfCluster.values());
        Map<String, List<Vote>> byId = new HashMap<>(); // looked up only: the events follow basisIds' order
        for (Vote v : votes) {
            byId.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
        }
        for (String id : basisIds) {
            List<Vote> parts = byId.getOrDefault(id, List.of());
            if (kept.contains(id)) {
                Set<String> others = new TreeSet<>();
                for (Vote v : parts) {
                    String now = idOfCluster.get(v.cluster());
                    if (!now.equals(id)) {
                        others.add(now);
                    }
                }
                others.forEach(o -> events.add(new Event(id, SPLIT, o)));
            } else if (parts.isEmpty()) {
                events.add(new Event(id, RETIRED, ""));
            } else {
                Vote best = parts.stream().min(Comparator.comparingLong(Vote::count).reversed()
                        .thenComparingLong(v -> ClientIds.sequenceOf(idOfCluster.get(v.cluster())))).orElseThrow();
                events.add(new Event(id, MERGED, idOfCluster.get(best.cluster())));
            }
        }
        events.sort(Comparator.comparing(Event::clientId).thenComparing(Event::event).thenComparing(Event::related));
        return events;
    }
}
