package uk.gov.bcpcouncil.clientindex.load;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's partition of {@code ci_client_xref} (schema version 18): the table its cross-references are written into
 * and, once written, their indexes and the partition's attachment, through the SQL functions of that migration,
 * which hold the only definition of them.
 * <p>On a run's first attempt (or after attempts that rolled back) the rows go into a new table without indexes,
 * whose primary key and client index are built once it is full ({@link #attach}): a {@code COPY} of a million
 * children's 1.32 million cross-references took 5.3-5.6 s into the indexed table, against 0.6 s into a bare one plus
 * 2.3-2.5 s for both indexes (the same rows back to back, PostgreSQL 15).
 * When an earlier attempt committed its partition, the run's rows in it are deleted and written again through the
 * parent, indexes and all.
 * <p>Stateless and thread-safe; each call is one statement in the caller's transaction, which should be the one that
 * writes the rows: then a failed attempt leaves no table behind. Idempotent within that transaction.
 */
public final class ClientXrefPartitions {

    private ClientXrefPartitions() {
    }

    /** The name of the run's partition (whether or not it exists). */
    public static String name(JdbcTemplate jdbc, String runId) {
        return jdbc.queryForObject("SELECT ci_client_xref_partition_name(?)", String.class, runId);
    }

    /**
     * Prepares the run's cross-references to be written: the run's rows deleted, and the table to write them into
     * (a new table without indexes, or {@code ci_client_xref} when the run's partition was attached before).
     */
    public static String loadTable(JdbcTemplate jdbc, String runId) {
        return jdbc.queryForObject("SELECT ci_client_xref_load_table(?)", String.class, runId);
    }

    /**
     * Builds the written table's primary key (which refuses a legacy record cross-referenced twice) and client
     * index, attaches it as the run's partition and takes its statistics; nothing when it is attached already.
     */
    public static void attach(JdbcTemplate jdbc, String runId) {
        jdbc.queryForObject("SELECT ci_client_xref_attach(?)::text", String.class, runId);
    }
}
