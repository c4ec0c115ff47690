-- Issue 7: counting a source's malformed (rejected) staged rows against its reject limit, after every chunk
-- that holds one, without scanning the run's staging: a small partial index of the malformed rows only.
CREATE INDEX ci_stg_row_malformed ON ci_stg_row (run_id, source_system) WHERE data ? '_malformed';
