-- Issue 6: clerical review decisions, data owners' sign-offs and promotions.

-- A reviewer's decision on a pair of legacy records. Not run-scoped: a decision applies to every later run
-- while both records are unchanged. content_hash is the SHA-256 of both records' mapped content, so a
-- changed record no longer matches and its pair is asked again. Keys are ordered (left_key < right_key).
CREATE TABLE ci_review_decision (
    left_key      TEXT        NOT NULL,   -- SOURCE:record id
    right_key     TEXT        NOT NULL,
    content_hash  TEXT        NOT NULL,
    decision      TEXT        NOT NULL CHECK (decision IN ('SAME', 'DIFFERENT', 'NOT_SURE')),
    note          TEXT,
    decided_by    TEXT        NOT NULL,
    decided_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_run   TEXT        NOT NULL,   -- the run whose review queue the pair was decided from
    PRIMARY KEY (left_key, right_key, content_hash)
);

-- A data owner's approval of one run's report.html, identified by its SHA-256.
CREATE TABLE ci_signoff (
    run_id         TEXT        NOT NULL,
    source_system  TEXT        NOT NULL,
    report_sha256  TEXT        NOT NULL,
    signed_by      TEXT        NOT NULL,
    signed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, source_system, report_sha256)
);

-- Runs promoted to the live client index (the promotion gate: every source signed that exact report).
CREATE TABLE ci_promotion (
    run_id         TEXT        PRIMARY KEY,
    report_sha256  TEXT        NOT NULL,
    promoted_by    TEXT        NOT NULL,
    promoted_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
