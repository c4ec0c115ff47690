-- Issue 5: incremental matching. Per run, the comparison levels of every candidate pair with each record's
-- content hash (matching.MatchLevelsCache: one compressed blob in chunks), so that an incremental run compares
-- only the pairs touching a changed or new record and takes the others from its base run.
CREATE TABLE ci_match_levels (
    run_id  TEXT NOT NULL,
    chunk   INTEGER NOT NULL,
    data    BYTEA NOT NULL,
    PRIMARY KEY (run_id, chunk)
);
