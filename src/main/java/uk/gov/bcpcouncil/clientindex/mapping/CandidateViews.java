package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.Map;
import java.util.Set;

/**
 * Another stage's view of each candidate record, made while the record is mapped: stored as bytes beside its JSON
 * ({@code ci_mapped_record.match_view}), and told which views a committed chunk holds. The matching stage provides
 * it, so that this package does not depend on that one. Implementations are thread-safe: the partitions of
 * {@code mapRecords} share them.
 *
 * @param <V> the view
 */
public interface CandidateViews<V> {

    /** The view of a candidate record; null when it has none. */
    V view(CanonicalRecord candidate);

    /** The view as stored; null when it cannot be stored. */
    byte[] bytes(V view);

    /**
     * After the transaction of a chunk of run {@code runId} committed: its candidates with their views (a view may be
     * null) and its other records (no longer candidates, if they were before). Does nothing by default.
     */
    default void committed(String runId, Map<String, V> candidates, Set<String> others) {
    }

    /** Views as stored bytes only (nothing done after a commit). */
    static CandidateViews<byte[]> bytes(java.util.function.Function<CanonicalRecord, byte[]> encoder) {
        return new CandidateViews<>() {
            @Override
            public byte[] view(CanonicalRecord candidate) {
                return encoder.apply(candidate);
            }

            @Override
            public byte[] bytes(byte[] view) {
                return view;
            }
        };
    }
}
