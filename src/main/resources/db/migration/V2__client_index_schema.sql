-- Target schema of the client index job (beside the Spring Batch tables of V1).
-- Every working table is keyed by run_id, so a trial load never touches another run's rows and every
-- step can clear and rewrite its own rows on restart.

-- One row per run (run_id = <run-date>-<label>).
CREATE TABLE ci_run (
    run_id            TEXT        PRIMARY KEY,
    run_date          DATE        NOT NULL,
    label             TEXT        NOT NULL,
    mapping_checksum  TEXT        NOT NULL,
    job_instance_id   BIGINT,
    status            TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at          TIMESTAMPTZ
);

-- Staging: every legacy row exactly as read, as JSON text values (person, address, involvement, alias).
CREATE TABLE ci_stg_row (
    run_id         TEXT  NOT NULL,
    source_system  TEXT  NOT NULL,
    entity         TEXT  NOT NULL,
    row_id         TEXT  NOT NULL,
    person_id      TEXT  NOT NULL,
    data           JSONB NOT NULL,
    PRIMARY KEY (run_id, source_system, entity, row_id)
);
CREATE INDEX ix_ci_stg_row_person ON ci_stg_row (run_id, source_system, entity, person_id);

-- Map and validate: one row per legacy person record, canonical record or reject with a reason.
CREATE TABLE ci_mapped_record (
    run_id              TEXT  NOT NULL,
    source_system       TEXT  NOT NULL,
    source_record_id    TEXT  NOT NULL,
    outcome             TEXT  NOT NULL,   -- CANDIDATE, MERGED_IN_SOURCE, REJECTED, EXCLUDED
    reason              TEXT,
    merge_target        TEXT,             -- direct merged_into of a record merged in the source
    survivor_id         TEXT,             -- end of the merged_into chain, once resolved
    given_name          TEXT,
    family_name         TEXT,
    birth_date          DATE,
    expected_birth_date DATE,
    sex                 TEXT,
    nhs_number          TEXT,
    nhs_status          TEXT,
    upn                 TEXT,
    upn_status          TEXT,
    postcode            TEXT,
    record              JSONB,
    PRIMARY KEY (run_id, source_system, source_record_id)
);

-- Match: accepted and refused pairs with the rule that decided them.
CREATE TABLE ci_match_pair (
    run_id        TEXT    NOT NULL,
    left_key      TEXT    NOT NULL,   -- SOURCE:record id
    right_key     TEXT    NOT NULL,
    rule          TEXT    NOT NULL,
    score         NUMERIC(6,4) NOT NULL,
    decision      TEXT    NOT NULL,   -- MATCH, NO_MATCH_GUARD
    PRIMARY KEY (run_id, left_key, right_key)
);

-- Match: each candidate or merged-in-source record's cluster (cluster_key = smallest member key).
CREATE TABLE ci_cluster_member (
    run_id            TEXT NOT NULL,
    source_system     TEXT NOT NULL,
    source_record_id  TEXT NOT NULL,
    cluster_key       TEXT NOT NULL,
    PRIMARY KEY (run_id, source_system, source_record_id)
);
CREATE INDEX ix_ci_cluster_member_cluster ON ci_cluster_member (run_id, cluster_key);

-- Every client ID ever issued; IDs are never reused. seq is the ID's number: the next ID is max(seq) + 1,
-- taken under a table lock inside the index step's transaction, so IDs are gap-free and deterministic.
CREATE TABLE ci_client_id_issued (
    client_id   TEXT        PRIMARY KEY,
    seq         BIGINT      NOT NULL UNIQUE,
    issued_run  TEXT        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The run's client index: one golden record per child, with provenance and history in record.
CREATE TABLE ci_client (
    run_id              TEXT NOT NULL,
    client_id           TEXT NOT NULL,
    cluster_key         TEXT NOT NULL,
    given_name          TEXT,
    family_name         TEXT,
    birth_date          DATE,
    expected_birth_date DATE,
    sex                 TEXT,
    nhs_number          TEXT,
    upn                 TEXT,
    ethnicity           TEXT,
    postcode            TEXT,
    member_count        INT  NOT NULL,
    record              JSONB NOT NULL,
    PRIMARY KEY (run_id, client_id)
);

-- Cross-reference: every indexed legacy record to its client.
CREATE TABLE ci_client_xref (
    run_id            TEXT NOT NULL,
    source_system     TEXT NOT NULL,
    source_record_id  TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    PRIMARY KEY (run_id, source_system, source_record_id)
);
CREATE INDEX ix_ci_client_xref_client ON ci_client_xref (run_id, client_id);

-- Control totals per source, written by the reconcile step.
CREATE TABLE ci_control_total (
    run_id          TEXT   NOT NULL,
    source_system   TEXT   NOT NULL,
    source_count    BIGINT NOT NULL,
    read_count      BIGINT NOT NULL,
    indexed         BIGINT NOT NULL,
    rejected        BIGINT NOT NULL,
    excluded        BIGINT NOT NULL,
    balanced        BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, source_system)
);
