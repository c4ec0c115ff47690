package uk.gov.bcpcouncil.clientindex.infra;

/** PostgreSQL session settings the steps apply to their own transactions. Constants only. */
public final class PgSettings {

    /**
     * Memory for each sort or hash of a step's large queries before PostgreSQL spills to disk, for the current
     * transaction only ({@code SET LOCAL}): buildClientIndex's read in cluster order, reconcile's report queries.
     */
    public static final String LARGE_WORK_MEM = "SET LOCAL work_mem = '256MB'";

    private PgSettings() {
    }
}
