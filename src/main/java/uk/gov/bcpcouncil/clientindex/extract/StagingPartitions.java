package uk.gov.bcpcouncil.clientindex.extract;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's partition of {@code ci_stg_row} (schema version 13): its name, its creation at the start of each attempt
 * of the run and its indexes, through the SQL functions of that migration, which hold the only definition of them.
 * <p>A partition made by the run's current attempt is empty, so its rows are loaded with no key to keep up and its
 * lookup indexes are built after the extract steps ({@link IndexStagingTasklet}). A partition that was there before
 * the attempt may hold rows of an earlier one, so the unique row key (source, entity, row id) is built first
 * ({@link #prepare}), and the extract writers replace any row they write again ({@link StagingWriter}).
 * <p>Stateless and thread-safe; each call is one statement in the caller's transaction, if any. Idempotent.
 */
public final class StagingPartitions {

    /** Suffix of the unique row key's index on a partition (built only for an attempt that may replay rows). */
    static final String ROW_KEY_SUFFIX = "_row";

    private StagingPartitions() {
    }

    /** The name of the run's partition (whether or not it exists). */
    public static String name(JdbcTemplate jdbc, String runId) {
        return jdbc.queryForObject("SELECT ci_stg_partition_name(?)", String.class, runId);
    }

    /**
     * Makes the run's partition if there is none, with only the index of malformed rows; when it was there already
     * (an earlier attempt of the run, which may have staged rows), builds its unique row key as well, before any
     * extract step of this attempt writes.
     *
     * @return true when the partition was made now (empty)
     */
    public static boolean prepare(JdbcTemplate jdbc, String runId) {
        boolean created = Boolean.TRUE.equals(jdbc.queryForObject("SELECT ci_stg_partition_create(?)",
                Boolean.class, runId));
        if (!created) {
            index(jdbc, runId, true);
        }
        return created;
    }

    /**
     * Builds the partition's lookup indexes (unique person key, person index) and, with {@code rowKey}, the unique
     * row key; those there already are kept.
     */
    public static void index(JdbcTemplate jdbc, String runId, boolean rowKey) {
        jdbc.queryForObject("SELECT ci_stg_partition_index(?, ?)::text", String.class, runId, rowKey);
    }

    /** Whether the run's partition has its unique row key (so a row written again can replace the first). */
    static boolean hasRowKey(JdbcTemplate jdbc, String runId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT to_regclass(quote_ident(ci_stg_partition_name(?) || '" + ROW_KEY_SUFFIX + "')) IS NOT NULL",
                Boolean.class, runId));
    }
}
