-- Issue 5: stable client IDs with their events, incremental runs (watermarks, carried-over records) and
-- promotion of a run's index to live.

-- Every client ID event of a run, against the run's basis (the live index, else the last completed run):
-- CREATED (a new ID), MERGED (client_id retired into successor_id), SPLIT (client_id kept on one part,
-- related_id is the ID of another part), RETIRED (client_id has no record left; no successor).
CREATE TABLE ci_client_id_event (
    run_id        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    event         TEXT NOT NULL,
    related_id    TEXT NOT NULL DEFAULT '',
    basis_run_id  TEXT,
    PRIMARY KEY (run_id, client_id, event, related_id)
);

-- Retired IDs of the live index and the ID that replaced them (NULL: the child's records are all gone).
-- Written when a run is promoted; an ID retired once stays retired.
CREATE TABLE ci_client_id_retired (
    client_id     TEXT PRIMARY KEY,
    successor_id  TEXT,
    retired_run   TEXT NOT NULL,
    retired_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Per source per run: the high-water mark of the source's change column read at the start of the run, and
-- for an incremental run the lower bound it read from (watermark of the base run minus the overlap window).
CREATE TABLE ci_source_watermark (
    run_id         TEXT NOT NULL,
    source_system  TEXT NOT NULL,
    mode           TEXT NOT NULL,   -- FULL, INCREMENTAL
    base_run_id    TEXT,
    watermark      TEXT,            -- Bournemouth: local DATETIME as text; Poole: ISO-8601 instant
    read_since     TEXT,
    PRIMARY KEY (run_id, source_system)
);

-- Incremental runs: every person record present in the source at carry-over time, and whether the run
-- re-read it (changed) or copied it from the base run (unchanged).
CREATE TABLE ci_incremental_key (
    run_id         TEXT NOT NULL,
    source_system  TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    changed        BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, source_system, person_id)
);

-- The live client index: the one promoted run, who promoted it and when (every promotion is also kept in
-- ci_promotion, V7).
CREATE TABLE ci_live (
    singleton     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    run_id        TEXT NOT NULL,
    promoted_by   TEXT NOT NULL,
    promoted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A staged row copied unchanged from the base run by an incremental run: its person already has its mapped
-- record (copied too), so the mapping step skips it.
ALTER TABLE ci_stg_row ADD COLUMN carried BOOLEAN NOT NULL DEFAULT FALSE;
