-- The matcher's compact view of a candidate record (matching.RecordCodec), written by mapRecords beside the
-- record's JSON, so that matchRecords reads bytes instead of parsing a million JSON documents. NULL for rows
-- written before this column (and for records that are not candidates): the matcher then parses the JSON.
ALTER TABLE ci_mapped_record ADD COLUMN match_view BYTEA;
