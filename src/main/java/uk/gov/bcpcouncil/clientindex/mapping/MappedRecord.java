package uk.gov.bcpcouncil.clientindex.mapping;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * What the map-and-validate stage made of one legacy person record.
 *
 * @param outcome     the record's fate so far
 * @param reason      reason code for REJECTED and EXCLUDED
 * @param mergeTarget for MERGED_IN_SOURCE, the record the source merged it into (same source)
 * @param record      the canonical record; null only when the row could not be read at all
 */
public record MappedRecord(SourceSystem source, String sourceRecordId, Outcome outcome, String reason,
        String mergeTarget, CanonicalRecord record) {

    public enum Outcome {
        /** Goes on to matching. */
        CANDIDATE,
        /** Merged by the source into another record; joins that record's client. */
        MERGED_IN_SOURCE,
        REJECTED,
        EXCLUDED
    }
}
