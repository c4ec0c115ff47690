-- The job's working tables are no longer vacuumed by PostgreSQL's autovacuum because rows were inserted, only (as
-- before) because rows were deleted or updated, and when transaction IDs must be frozen.
--
-- Why: a run writes each of these tables once, in bulk, and the next steps read what it wrote. Since PostgreSQL 13
-- autovacuum also vacuums a table after inserts (autovacuum_vacuum_insert_threshold): at a million children it
-- vacuumed the run's staging partition (4.9 million rows) during matchRecords, the cluster members during
-- buildClientIndex and the mapped records and golden records during reconcile, each a scan of gigabytes on the
-- same two cores the job was using. That vacuum only sets the visibility map for index-only scans, which none of
-- the job's queries need. Vacuum after deletes (an earlier run's rows removed, a step's rows replaced on a rerun)
-- and anti-wraparound vacuum are unchanged; so is autoanalyze.
--
-- The contract: these tables, and each new staging partition (ci_stg_partition_create), carry
-- autovacuum_vacuum_insert_threshold = -1 (PostgreSQL 13+). A DBA may set it back per table with
-- ALTER TABLE ... RESET (autovacuum_vacuum_insert_threshold).

ALTER TABLE ci_mapped_record SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_cluster_member SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_client SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_client_xref SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_match_pair SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_match_explanation SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE ci_match_levels SET (autovacuum_vacuum_insert_threshold = -1);

CREATE OR REPLACE FUNCTION ci_stg_partition_create(p_run_id TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql STRICT AS $$
DECLARE
    t TEXT := ci_stg_partition_name(p_run_id);
BEGIN
    -- one creator at a time (two processes starting the same run): the second sees the first's partition
    PERFORM pg_advisory_xact_lock(hashtext('ci_stg_partition_create'));
    IF to_regclass(quote_ident(t)) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF ci_stg_row FOR VALUES IN (%L)'
            || ' WITH (autovacuum_vacuum_insert_threshold = -1)', t, p_run_id);
    EXECUTE format('CREATE INDEX %I ON %I (source_system) WHERE (data ->> %L) IS NOT NULL', t || '_malformed', t,
            '_malformed');
    RETURN TRUE;
END
$$;

DO $$
DECLARE
    p RECORD;
BEGIN
    FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'ci_stg_row'::regclass LOOP
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_insert_threshold = -1)', p.relname);
    END LOOP;
END
$$;
