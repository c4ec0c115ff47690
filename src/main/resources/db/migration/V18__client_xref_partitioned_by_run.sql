-- Cross-references partitioned by run, each run's partition loaded before its indexes are built.
--
-- Why: buildClientIndex writes the cross-references in cluster order, so one of the table's two indexes is filled
-- at random places whatever the order: by record key (the primary key) or by client ID. At a million children
-- (1.32 million cross-references) a COPY into the indexed table took 5.3-5.6 s of one PostgreSQL backend; into a
-- bare table 0.6 s, and both indexes built after it 2.3-2.5 s (the same rows back to back).
--
-- The contract:
--   * ci_client_xref is partitioned by LIST (run_id), with its primary key (run_id, source_system,
--     source_record_id) and ix_ci_client_xref_client (run_id, client_id) on every partition. Queries keep naming
--     ci_client_xref with run_id = ?, so PostgreSQL reads only that run's partition. There is no default
--     partition: a row of a run without a partition is refused.
--   * ci_client_xref_load_table(run_id) returns the table a run's cross-references are to be written into. When
--     the run has no partition (its first attempt, or every attempt before rolled back): a new plain table named
--     ci_client_xref_partition_name(run_id), without indexes, its rows checked to be the run's. When the run has
--     one (an attempt that committed and is run again): the run's rows are deleted and ci_client_xref is returned.
--   * ci_client_xref_attach(run_id) then builds that table's primary key (refusing a record cross-referenced
--     twice) and client index, attaches it as the run's partition (its indexes become the parent's) and takes its
--     planner statistics. Repeating it on an attached partition does nothing.
--   * Both run in the caller's transaction: buildClientIndex calls them in the step's, so a failed attempt leaves
--     no table behind. Attaching locks ci_client_xref in SHARE UPDATE EXCLUSIVE mode only: other runs' rows stay
--     readable and writable meanwhile.
--   * Each partition carries autovacuum_vacuum_insert_threshold = -1 (as the table did, V17; a partitioned table
--     has no storage parameters of its own).

ALTER TABLE ci_client_xref RENAME TO ci_client_xref_v17;
ALTER TABLE ci_client_xref_v17 RENAME CONSTRAINT ci_client_xref_pkey TO ci_client_xref_v17_pkey;
ALTER INDEX ix_ci_client_xref_client RENAME TO ix_ci_client_xref_v17_client;

CREATE TABLE ci_client_xref (
    run_id            TEXT NOT NULL,
    source_system     TEXT NOT NULL,
    source_record_id  TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    PRIMARY KEY (run_id, source_system, source_record_id)
) PARTITION BY LIST (run_id);
CREATE INDEX ix_ci_client_xref_client ON ci_client_xref (run_id, client_id);

-- A run's partition: ci_client_xref_ and what follows ci_stg_row_ in the run's staging partition's name (V13: the run
-- id in lower-case letters, digits and _, at most 30, and 8 hex of its md5, so two run ids never share a name; at most
-- 54 bytes, and 61 with an index suffix).
CREATE FUNCTION ci_client_xref_partition_name(p_run_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 'ci_client_xref_' || substr(ci_stg_partition_name(p_run_id), length('ci_stg_row_') + 1)
$$;

CREATE FUNCTION ci_client_xref_attached(p_run_id TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE STRICT AS $$
    SELECT EXISTS (SELECT 1 FROM pg_inherits
            WHERE inhrelid = to_regclass(quote_ident(ci_client_xref_partition_name(p_run_id)))
            AND inhparent = 'ci_client_xref'::regclass)
$$;

CREATE FUNCTION ci_client_xref_load_table(p_run_id TEXT) RETURNS TEXT
    LANGUAGE plpgsql STRICT AS $$
DECLARE
    t TEXT := ci_client_xref_partition_name(p_run_id);
BEGIN
    IF ci_client_xref_attached(p_run_id) THEN
        DELETE FROM ci_client_xref WHERE run_id = p_run_id;
        RETURN 'ci_client_xref';
    END IF;
    -- a table of that name that is not a partition: a load that was never attached (made outside a transaction
    -- that rolled it back); its rows are replaced like an attached partition's
    EXECUTE format('DROP TABLE IF EXISTS %I', t);
    EXECUTE format('CREATE TABLE %I (LIKE ci_client_xref, CONSTRAINT %I CHECK (run_id = %L))'
            || ' WITH (autovacuum_vacuum_insert_threshold = -1)', t, t || '_run', p_run_id);
    RETURN t;
END
$$;

CREATE FUNCTION ci_client_xref_attach(p_run_id TEXT) RETURNS VOID
    LANGUAGE plpgsql STRICT SET maintenance_work_mem = '256MB' AS $$
DECLARE
    t TEXT := ci_client_xref_partition_name(p_run_id);
BEGIN
    IF ci_client_xref_attached(p_run_id) THEN
        RETURN;
    END IF;
    IF to_regclass(quote_ident(t)) IS NULL THEN
        RAISE EXCEPTION 'run % has no cross-reference table (%): ci_client_xref_load_table makes it', p_run_id, t
            USING ERRCODE = 'undefined_table';
    END IF;
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (run_id, source_system, source_record_id)',
            t, t || '_pkey');
    EXECUTE format('CREATE INDEX %I ON %I (run_id, client_id)', t || '_client', t);
    -- the check constraint tells PostgreSQL every row is the run's: attaching does not scan the rows again
    EXECUTE format('ALTER TABLE ci_client_xref ATTACH PARTITION %I FOR VALUES IN (%L)', t, p_run_id);
    EXECUTE format('ANALYZE %I', t);
END
$$;

-- The cross-references written before this version: each run into its own partition.
DO $$
DECLARE
    r RECORD;
BEGIN
    FOR r IN SELECT DISTINCT run_id FROM ci_client_xref_v17 LOOP
        EXECUTE format('INSERT INTO %I (run_id, source_system, source_record_id, client_id)'
                || ' SELECT run_id, source_system, source_record_id, client_id FROM ci_client_xref_v17'
                || ' WHERE run_id = %L', ci_client_xref_load_table(r.run_id), r.run_id);
        PERFORM ci_client_xref_attach(r.run_id);
    END LOOP;
END
$$;

DROP TABLE ci_client_xref_v17;
