package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import uk.gov.bcpcouncil.clientindex.mapping.CandidateViews;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * The match views of the candidate records: built by {@code mapRecords} as it maps ({@link MatchRecords#of}) and
 * stored as bytes beside each record ({@link RecordCodec}); and, when {@code retain} is on, also kept in this
 * process for {@code matchRecords}, which then need not read 1.3 million views back and decode them (about 9 s at
 * a million children, most of the step's reading).
 * <p>What is kept is exactly what committed: a chunk's views are added once its transaction committed (a chunk
 * rolled back adds nothing), a chunk written again replaces its records' views, and a record that is no longer a
 * candidate is dropped. {@link #take} hands them over only when they are all of the run's candidates: their number
 * must equal the count of candidates in the database, so views written by another process (a restart, a remote
 * worker) or carried over by an incremental run make it read them from the database as before. The views are the
 * same objects the stored bytes decode to ({@link RecordCodec} is exact), so the matching does not depend on which
 * way they came.
 * <p>Keeps one run's views at a time (a view of another run clears them) and forgets them once taken, or when the
 * job ends ({@link #forget}). Off ({@code retain} false) in a remote partitioning manager or worker, whose chunks
 * are written in other processes. Thread-safe.
 */
public final class MatchViews implements CandidateViews<MatchRecord> {

    private final boolean retain;
    private final Map<String, MatchRecord> views = new ConcurrentHashMap<>();
    private volatile String runId;
    /** A committed candidate had no view: the views kept cannot stand for the database's. */
    private volatile boolean incomplete;

    public MatchViews(boolean retain) {
        this.retain = retain;
    }

    @Override
    public MatchRecord view(CanonicalRecord candidate) {
        return MatchRecords.of(candidate);
    }

    @Override
    public byte[] bytes(MatchRecord view) {
        return RecordCodec.encode(view);
    }

    @Override
    public void committed(String run, Map<String, MatchRecord> candidates, Set<String> others) {
        if (!retain) {
            return;
        }
        synchronized (this) {
            if (!run.equals(runId)) {
                views.clear();
                incomplete = false;
                runId = run;
            }
        }
        candidates.forEach((key, view) -> {
            if (view == null) {
                incomplete = true;
            } else {
                views.put(key, view);
            }
        });
        others.forEach(views::remove);
    }

    /**
     * The run's candidate views in key order, when those kept are all the run's candidates in the database
     * ({@code candidates} of them); null otherwise. Forgets them either way.
     */
    public synchronized List<MatchRecord> take(String run, long candidates) {
        try {
            if (!retain || !run.equals(runId) || incomplete || views.size() != candidates) {
                return null;
            }
            List<MatchRecord> list = new ArrayList<>(views.values());
            list.sort(java.util.Comparator.comparing(MatchRecord::key));
            return list;
        } finally {
            forget();
        }
    }

    /** Forgets the views kept (after the job, or once taken). */
    public synchronized void forget() {
        views.clear();
        runId = null;
        incomplete = false;
    }
}
