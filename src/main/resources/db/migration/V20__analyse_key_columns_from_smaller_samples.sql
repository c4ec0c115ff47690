-- Every column of ci_mapped_record, and the columns of ci_client the job analyses before reconcile, get a statistics
-- target of 10 instead of the server's default (100).
--
-- Why: ANALYZE reads a sample of 300 rows per unit of the largest target among the columns it analyses, each row
-- from a page of its own. These rows are wide (a mapped record's JSON is about 1 kB, a golden record's 2 kB), so
-- the default sample of 30,000 rows read 30,000 pages: at a million children (local PostgreSQL 15, the same rows,
-- back to back) ANALYZE of ci_mapped_record, before resolveSourceMerges, took 0.9-1.0 s and of ci_client's three
-- columns, before reconcile, 1.9-2.2 s, on the path of the run; with 3,000 rows, 0.15-0.17 s and 0.18 s. What the
-- steps' queries need of these columns is unchanged at that size: the run's share of the table (its run_id, one of
-- a few values), the outcomes' shares (a handful of values), which keys are unique, how many rows have a merge target.
-- ci_mapped_record, a working table, is analysed whole (a column list would leave autovacuum's own analyse of the
-- whole table, 30,000 rows, still to run during the next steps); ci_client, which the live index's consumers query,
-- keeps the default on every other column, and autovacuum's analyse of it samples by the largest target as before.
--
-- The contract: these columns keep statistics target 10; a column added to ci_mapped_record gets it too
-- (KeyColumnStatisticsMigrationIntegrationTest checks every column). A DBA may set a column back with
-- ALTER TABLE ... ALTER COLUMN ... SET STATISTICS -1.

DO $$
DECLARE
    c RECORD;
BEGIN
    FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'ci_mapped_record'::regclass AND attnum > 0
                                                AND NOT attisdropped ORDER BY attnum LOOP
        EXECUTE format('ALTER TABLE ci_mapped_record ALTER COLUMN %I SET STATISTICS 10', c.attname);
    END LOOP;
END
$$;

ALTER TABLE ci_client
    ALTER COLUMN run_id SET STATISTICS 10,
    ALTER COLUMN client_id SET STATISTICS 10,
    ALTER COLUMN member_count SET STATISTICS 10;
