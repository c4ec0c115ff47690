-- No query looks cluster members up by cluster key: buildClientIndex reads a run's members whole and sorts them
-- itself (in byte order, which this index's collation does not give), and the ID survival vote groups them with a
-- hash. The index only cost writes: at a million children it doubled matchRecords' COPY of the members (4.4 s
-- against 2.2 s for 1.3 million rows). The primary key (run, source, record) stays.
DROP INDEX IF EXISTS ix_ci_cluster_member_cluster;
