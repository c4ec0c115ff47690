-- buildClientIndex writes every golden record of a run with COPY in the step's one transaction, so that
-- COPY bounds the step. About half the records' JSON is over 2 kB, and PostgreSQL compressed each of those
-- (pglz) before storing it: a fifth of the COPY's time. Stored uncompressed out of line instead (more disk,
-- about 0.7 kB a client; reads need no decompression). Metadata only: existing rows are not rewritten.
ALTER TABLE ci_client ALTER COLUMN record SET STORAGE EXTERNAL;
