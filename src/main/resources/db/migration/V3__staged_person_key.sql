-- A single-column key for paging through the run's staged person rows: keyset paging on
-- (source_system, row_id) made PostgreSQL scan the rest of the run at every page; one indexed column
-- keeps each page an index range scan.
ALTER TABLE ci_stg_row ADD COLUMN person_key TEXT GENERATED ALWAYS AS (source_system || ':' || row_id) STORED;
CREATE INDEX ix_ci_stg_row_person_key ON ci_stg_row (run_id, person_key) WHERE entity = 'PERSON';
