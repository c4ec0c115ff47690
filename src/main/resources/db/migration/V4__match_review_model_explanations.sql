-- Issue 4: the probabilistic matcher. Match weights (log2 odds) can exceed the old score range.
ALTER TABLE ci_match_pair ALTER COLUMN score TYPE NUMERIC(10,4);

-- How each decided pair was scored: the prior, one term per comparison (level and match weight) and the
-- total, i.e. the information of a waterfall chart for the report and the reviewers.
CREATE TABLE ci_match_explanation (
    run_id        TEXT          NOT NULL,
    left_key      TEXT          NOT NULL,
    right_key     TEXT          NOT NULL,
    prior_weight  NUMERIC(10,4) NOT NULL,
    total_weight  NUMERIC(10,4) NOT NULL,
    probability   NUMERIC(12,10) NOT NULL,
    terms         TEXT          NOT NULL,   -- JSON array of {comparison, level, weight, tfAdjusted}
    PRIMARY KEY (run_id, left_key, right_key)
);

-- Pairs that are not merged until a person decides: the review band, and accepted pairs whose join was
-- refused when a cluster had to be split.
CREATE TABLE ci_review_queue (
    run_id        TEXT          NOT NULL,
    left_key      TEXT          NOT NULL,
    right_key     TEXT          NOT NULL,
    reason        TEXT          NOT NULL,   -- REVIEW_BAND, CLUSTER_SPLIT
    score         NUMERIC(10,4) NOT NULL,
    status        TEXT          NOT NULL DEFAULT 'OPEN',
    PRIMARY KEY (run_id, left_key, right_key)
);

-- The Fellegi-Sunter model the run used: m, u and match weight per comparison level, and the prior
-- (comparison '_PRIOR', level 'LAMBDA', m = the prior probability of a match among candidate pairs).
CREATE TABLE ci_match_model (
    run_id        TEXT          NOT NULL,
    comparison    TEXT          NOT NULL,
    level_index   INTEGER       NOT NULL,
    level         TEXT          NOT NULL,
    m             DOUBLE PRECISION NOT NULL,
    u             DOUBLE PRECISION NOT NULL,
    weight        DOUBLE PRECISION NOT NULL,
    tf_adjusted   BOOLEAN       NOT NULL,
    PRIMARY KEY (run_id, comparison, level_index)
);
