-- Golden records are mostly 2-3 kB of JSON: above the default TOAST threshold (about 2 kB) PostgreSQL compresses
-- each one with pglz on insert, which took about a tenth of the server's CPU in buildClientIndex at a million
-- children. Kept inline and uncompressed up to a page instead; larger records are still compressed.
ALTER TABLE ci_client SET (toast_tuple_target = 8160);
