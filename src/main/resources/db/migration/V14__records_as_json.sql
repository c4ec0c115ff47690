-- Mapped and golden records stored as json (their text, as the job wrote it), no longer jsonb.
--
-- Why: both are written once and read back whole, and PostgreSQL's conversions to and from jsonb were the largest
-- part of the server's work on them. Measured on the tables of a million children (embedded PostgreSQL 15, COPY
-- of the same text): the 1.3 million mapped records took 22.2 s into jsonb, 13.8 s into json; the 1 million golden
-- records 39.7 s into jsonb, 26.2 s into json; and reading the mapped records back as text (buildClientIndex) cost
-- 9.3 s of server time from jsonb, where json is its own text.
--
-- What reads inside them moves to columns of their own, filled by the writers:
--   * ci_mapped_record.ethnicity, postcode_statuses (each address's postcode status, in address order; NULL when
--     the record has no address) and unmapped_slots / unmapped_codes (the legacy codes no code table maps, slot
--     and code side by side; NULL when none): the report's quality, unmapped-code and ethnicity queries and
--     exceptions.csv, which read them for every record of the run, now read short columns instead of each record;
--   * ci_client.members: the legacy records of the client (as in the golden record's "members"), which the
--     difference from the live index compares (json has no equality).
-- A clerical decision's content hash is taken over each record's jsonb text (record::jsonb::text), as before, so
-- decisions made on runs before this migration still apply to unchanged records.
-- Consumers of the live index that query inside golden records cast them: record::jsonb.

ALTER TABLE ci_mapped_record
    ADD COLUMN ethnicity TEXT,
    ADD COLUMN postcode_statuses TEXT[],
    ADD COLUMN unmapped_slots TEXT[],
    ADD COLUMN unmapped_codes TEXT[];

UPDATE ci_mapped_record SET
    ethnicity = record ->> 'ethnicity',
    postcode_statuses = NULLIF(ARRAY(SELECT a -> 'postcode' ->> 'status'
                                     FROM jsonb_array_elements(record -> 'addresses') a), '{}'),
    unmapped_slots = NULLIF(ARRAY(SELECT u ->> 'slot' FROM jsonb_array_elements(record -> 'unmapped') u), '{}'),
    unmapped_codes = NULLIF(ARRAY(SELECT u ->> 'code' FROM jsonb_array_elements(record -> 'unmapped') u), '{}')
WHERE record IS NOT NULL;

ALTER TABLE ci_mapped_record ALTER COLUMN record TYPE json USING record::json;

ALTER TABLE ci_client ADD COLUMN members TEXT[];
UPDATE ci_client SET members = ARRAY(SELECT jsonb_array_elements_text(record -> 'members'));
ALTER TABLE ci_client ALTER COLUMN members SET NOT NULL;
ALTER TABLE ci_client ALTER COLUMN record TYPE json USING record::json;
