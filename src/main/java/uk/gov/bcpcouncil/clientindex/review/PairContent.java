package uk.gov.bcpcouncil.clientindex.review;

/**
 * SQL fragments that locate a pair's two mapped records of a run and hash their content. A decision is
 * stored with this hash, so it applies only while both records are unchanged: any change to either
 * record's mapped content (a corrected name, a new address, a changed code mapping) gives another hash and
 * reopens the pair. Keys are {@code SOURCE:record id}.
 */
final class PairContent {

    private PairContent() {
    }

    /** Joins {@code ci_mapped_record} as {@code alias} for the key column {@code key} in run {@code run}. */
    static String join(String alias, String key, String run) {
        return " JOIN ci_mapped_record " + alias + " ON " + alias + ".run_id = " + run + " AND " + alias
                + ".source_system = split_part(" + key + ", ':', 1) AND " + alias + ".source_record_id = substr(" + key
                + ", strpos(" + key + ", ':') + 1)";
    }

    /**
     * The SHA-256 (hex) of both records' content, left then right: each record's {@code jsonb} text, whatever the text
     * the record was stored as (records are {@code json} since schema version 14; a decision taken on an earlier run
     * hashed their {@code jsonb} text, so it still applies to an unchanged record).
     */
    static String hash(String left, String right) {
        return "encode(sha256(convert_to(" + left + ".record::jsonb::text || '|' || " + right
                + ".record::jsonb::text, 'UTF8')), 'hex')";
    }
}
