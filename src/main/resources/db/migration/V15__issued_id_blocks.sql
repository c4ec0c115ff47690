-- The client IDs a run issues kept as one block of sequence numbers, no longer one row per ID; its CREATED events
-- derived from that block.
--
-- Why: a run issues its new IDs in one unbroken block (max issued + 1 onwards, under a table lock), and each new ID
-- is a CREATED event. Writing both as rows was two million index entries for the first run of a million children
-- (4.3 s and 2.1 s of the one backend writing the index in buildClientIndex), to say what two numbers say.
--
-- The contract:
--   * ci_client_id_block: one row per run that issued IDs (first_seq to last_seq, both issued), the basis the run
--     compared with, and when. Blocks never overlap: the next block starts after the largest last_seq.
--   * ci_client_id(seq): the ID of a sequence number, as the job writes it (load.ClientIds: BCP, 8 digits, ISO/IEC
--     7064 MOD 11-2 check character, X for 10).
--   * ci_client_id_issued is now a view with the columns it had (client_id, seq, issued_run, issued_at).
--   * ci_client_id_change holds the stored events (MERGED, SPLIT, RETIRED); ci_client_id_event is now a view with
--     the columns it had: those, and a CREATED event for each ID of the run's block.

CREATE FUNCTION ci_client_id(p_seq BIGINT) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    digits TEXT := lpad(p_seq::text, 8, '0');
    p INT := 0;
    c INT;
BEGIN
    IF p_seq < 1 OR p_seq > 99999999 THEN
        RAISE EXCEPTION 'client ID sequence out of range 1..99999999: %', p_seq;
    END IF;
    FOR i IN 1..8 LOOP
        p := ((p + ascii(substr(digits, i, 1)) - 48) * 2) % 11;
    END LOOP;
    c := (12 - p) % 11;
    RETURN 'BCP' || digits || CASE WHEN c = 10 THEN 'X' ELSE c::text END;
END
$$;

CREATE TABLE ci_client_id_block (
    first_seq     BIGINT      PRIMARY KEY,
    last_seq      BIGINT      NOT NULL,
    issued_run    TEXT        NOT NULL,
    basis_run_id  TEXT,
    issued_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (last_seq >= first_seq)
);
CREATE INDEX ix_ci_client_id_block_run ON ci_client_id_block (issued_run);

-- Each run's issued IDs as blocks of consecutive numbers (one, but for IDs released and issued again elsewhere),
-- with the basis its CREATED events named.
INSERT INTO ci_client_id_block (first_seq, last_seq, issued_run, basis_run_id, issued_at)
SELECT MIN(seq), MAX(seq), issued_run,
       (SELECT e.basis_run_id FROM ci_client_id_event e WHERE e.run_id = g.issued_run AND e.event = 'CREATED' LIMIT 1),
       MIN(issued_at)
FROM (SELECT seq, issued_run, issued_at, seq - ROW_NUMBER() OVER (PARTITION BY issued_run ORDER BY seq) AS island
      FROM ci_client_id_issued) g
GROUP BY issued_run, island;

ALTER TABLE ci_client_id_event RENAME TO ci_client_id_change;
-- the CREATED events the blocks now give (any other stays stored, and still shows)
DELETE FROM ci_client_id_change c USING ci_client_id_issued i
WHERE c.event = 'CREATED' AND i.client_id = c.client_id AND i.issued_run = c.run_id;

DROP TABLE ci_client_id_issued;

CREATE VIEW ci_client_id_issued AS
SELECT ci_client_id(s) AS client_id, s AS seq, b.issued_run, b.issued_at
FROM ci_client_id_block b CROSS JOIN LATERAL generate_series(b.first_seq, b.last_seq) s;

CREATE VIEW ci_client_id_event AS
SELECT run_id, client_id, event, related_id, basis_run_id FROM ci_client_id_change
UNION ALL
SELECT b.issued_run, ci_client_id(s), 'CREATED', '', b.basis_run_id
FROM ci_client_id_block b CROSS JOIN LATERAL generate_series(b.first_seq, b.last_seq) s;
