-- Staging partitioned by run, each run's partition loaded before its lookup indexes are built.
--
-- Why: at a million children the extract steps stage 4.9 million rows, and keeping the run-prefixed indexes of one
-- shared table up to date row by row cost most of their time: a COPY of those rows took 14.8 s into the bare table
-- and 53.6 s with its indexes (the primary key +16.6 s, the person index +18.5 s). Built once after the load, on
-- the run's own rows and without the constant run_id in front, the indexes take about 4 s in all.
--
-- The contract:
--   * ci_stg_row is partitioned by LIST (run_id); a run's rows live in its own partition, named by
--     ci_stg_partition_name(run_id). Queries keep naming ci_stg_row with run_id = ?, so PostgreSQL reads only
--     that partition. There is no default partition: a row of a run without a partition is refused.
--   * ci_stg_partition_create(run_id) makes the run's partition with only the small index of malformed rows (the
--     extract writers count them against the reject limit after each chunk). It returns true when it made the
--     partition, false when the partition was there already (an earlier attempt of the run may have written rows).
--   * ci_stg_partition_index(run_id, replay_key) builds the lookup indexes: the unique person key (source:record
--     id, person rows), which also refuses a person staged twice, and the person index of the child rows (source,
--     person id, in byte order: "C" builds in a third of the time of the database's collation, and its only
--     query, the child rows of a page of persons in mapRecords, asks for byte order). With replay_key it also
--     builds the unique row key (source, entity, row id) that the extract writers use to replace the rows of a
--     chunk written before; the job builds it before writing into a partition that existed before the run's current
--     attempt. Every index is CREATE ... IF NOT EXISTS: repeating is harmless.
--   * data is json, no longer jsonb: the text of the row as the extract wrote it, kept as it is. Nothing queries
--     inside it but for the malformed-row reason (->>, which json has too), and PostgreSQL takes json in half the
--     time of jsonb (a COPY of 4.9 million staged rows: 11.8 s against 22.5 s) and gives it back as text faster.
--   * Dropping a run's partition drops its staged rows and their indexes at once (retention of old runs).

ALTER TABLE ci_stg_row RENAME TO ci_stg_row_v12;

CREATE TABLE ci_stg_row (
    run_id         TEXT    NOT NULL,
    source_system  TEXT    NOT NULL,
    entity         TEXT    NOT NULL,
    row_id         TEXT    NOT NULL,
    person_id      TEXT    NOT NULL,
    data           JSON    NOT NULL,
    person_key     TEXT    GENERATED ALWAYS AS (source_system || ':' || row_id) STORED,
    carried        BOOLEAN NOT NULL DEFAULT FALSE
) PARTITION BY LIST (run_id);

-- A run's partition: ci_stg_row_<the run id in lower-case letters, digits and _, at most 30>_<8 hex of its md5>,
-- so that two run ids differing only in punctuation or after 30 characters never share a name (at most 50 bytes,
-- leaving room for the index suffixes within PostgreSQL's 63).
CREATE FUNCTION ci_stg_partition_name(p_run_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 'ci_stg_row_' || left(trim(BOTH '_' FROM regexp_replace(lower(p_run_id), '[^a-z0-9]+', '_', 'g')), 30)
        || '_' || left(md5(p_run_id), 8)
$$;

CREATE FUNCTION ci_stg_partition_create(p_run_id TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql STRICT AS $$
DECLARE
    t TEXT := ci_stg_partition_name(p_run_id);
BEGIN
    -- one creator at a time (two processes starting the same run): the second sees the first's partition
    PERFORM pg_advisory_xact_lock(hashtext('ci_stg_partition_create'));
    IF to_regclass(quote_ident(t)) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF ci_stg_row FOR VALUES IN (%L)', t, p_run_id);
    EXECUTE format('CREATE INDEX %I ON %I (source_system) WHERE (data ->> %L) IS NOT NULL', t || '_malformed', t,
            '_malformed');
    RETURN TRUE;
END
$$;

CREATE FUNCTION ci_stg_partition_index(p_run_id TEXT, p_replay_key BOOLEAN) RETURNS VOID
    LANGUAGE plpgsql STRICT SET maintenance_work_mem = '256MB' AS $$
DECLARE
    t TEXT := ci_stg_partition_name(p_run_id);
BEGIN
    IF to_regclass(quote_ident(t)) IS NULL THEN
        RAISE EXCEPTION 'run % has no staging partition (%)', p_run_id, t USING ERRCODE = 'undefined_table';
    END IF;
    IF p_replay_key THEN
        EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (source_system, entity, row_id)', t || '_row', t);
    END IF;
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (person_key) WHERE entity = %L',
            t || '_person_key', t, 'PERSON');
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (source_system COLLATE "C", person_id COLLATE "C")'
            || ' WHERE entity <> %L', t || '_person', t, 'PERSON');
END
$$;

-- The rows staged before this version: each run into its own partition, with every index (its rows may be read
-- again by an incremental run or a restart).
DO $$
DECLARE
    r RECORD;
BEGIN
    FOR r IN SELECT DISTINCT run_id FROM ci_stg_row_v12 LOOP
        PERFORM ci_stg_partition_create(r.run_id);
        EXECUTE format('INSERT INTO %I (run_id, source_system, entity, row_id, person_id, data, carried)'
                || ' SELECT run_id, source_system, entity, row_id, person_id, data::json, carried FROM ci_stg_row_v12'
                || ' WHERE run_id = %L', ci_stg_partition_name(r.run_id), r.run_id);
        PERFORM ci_stg_partition_index(r.run_id, TRUE);
    END LOOP;
END
$$;

DROP TABLE ci_stg_row_v12;
