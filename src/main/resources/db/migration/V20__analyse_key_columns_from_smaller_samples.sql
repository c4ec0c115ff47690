-- The columns the job analyses before the steps that read its two largest working tables (AnalyzeStagingListener:
-- ci_mapped_record before resolveSourceMerges, ci_client before reconcile) get a statistics target of 10 instead
-- of the server's default (100).
--
-- Why: ANALYZE reads a sample of 300 rows per unit of the largest target among the columns it analyses, each row
-- from a page of its own. These rows are wide (a mapped record's JSON is about 1 kB, a golden record's 2 kB), so
-- the default sample of 30,000 rows read 30,000 pages: at a million children (local PostgreSQL 15, the same
-- rows, back to back) ANALYZE of ci_client's three columns took 1.9-2.2 s and of ci_mapped_record 0.9-1.0 s, on the
-- path of the run; with 3,000 rows, 0.18 s and 0.07-0.08 s. What the steps' queries need of these columns is
-- unchanged at that size: the run's share of the table (its run_id, one of a few values), the outcomes' shares
-- (a handful of values), which keys are unique, and how many rows have a merge target.
--
-- The contract: these columns keep statistics target 10. Other columns keep the server's default, and autovacuum's
-- own analyse of a whole table still samples by the largest target among them. A DBA may set a column back with
-- ALTER TABLE ... ALTER COLUMN ... SET STATISTICS -1.

ALTER TABLE ci_mapped_record
    ALTER COLUMN run_id SET STATISTICS 10,
    ALTER COLUMN source_system SET STATISTICS 10,
    ALTER COLUMN source_record_id SET STATISTICS 10,
    ALTER COLUMN outcome SET STATISTICS 10,
    ALTER COLUMN merge_target SET STATISTICS 10,
    ALTER COLUMN survivor_id SET STATISTICS 10;

ALTER TABLE ci_client
    ALTER COLUMN run_id SET STATISTICS 10,
    ALTER COLUMN client_id SET STATISTICS 10,
    ALTER COLUMN member_count SET STATISTICS 10;
