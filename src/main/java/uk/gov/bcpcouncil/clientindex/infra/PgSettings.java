package uk.gov.bcpcouncil.clientindex.infra;

/** PostgreSQL session settings the steps apply to their own transactions. Constants only. */
public final class PgSettings {

    /**
     * Memory for each sort or hash of a step's large queries before PostgreSQL spills to disk, for the current
     * transaction only ({@code SET LOCAL}): buildClientIndex's read in cluster order, reconcile's report queries.
     */
    public static final String LARGE_WORK_MEM = "SET LOCAL work_mem = '256MB'";

    /**
     * No parallel workers for the current transaction's queries ({@code SET LOCAL}), for reconcile, whose two lanes
     * (the step's thread and its background reader) already keep two server processes busy: at a million children
     * its queries spent more in parallel set-up (shared memory for the parallel hashes, the gather) than the workers
     * gave back on two cores.
     */
    public static final String NO_PARALLEL_WORKERS = "SET LOCAL max_parallel_workers_per_gather = 0";

    private PgSettings() {
    }
}
