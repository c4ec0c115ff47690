-- The records a legacy system merged into another (those with a merge target: about 2.5% of a run's mapped
-- records) found by an index of their own, instead of a scan of the run's mapped records.
--
-- Why: two steps look only at them. resolveSourceMerges follows each one's chain of merge targets, and matchRecords
-- puts the ones merged into a candidate into their survivor's cluster. Both scanned all the run's mapped records to
-- find them, each about 1 kB of JSON: at a million children 1.3 million rows and 1.8 GB, about 1 s a scan, and
-- resolveSourceMerges scanned twice and read the 593,000 Bournemouth rows into memory to follow 33,000 chains.
-- The index is partial: mapRecords' COPY adds an entry for merged records only.
CREATE INDEX ci_mapped_record_merged ON ci_mapped_record (run_id, source_system, source_record_id)
    WHERE merge_target IS NOT NULL;
