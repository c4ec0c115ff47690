package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follows each merged-in-source record's chain ({@code merge_target}, possibly several steps) to the
 * surviving record. The survivor must be a candidate of the same source; otherwise the merged record gets
 * the reason code {@code MERGE_TARGET_MISSING}, {@code MERGE_CHAIN_CYCLE} or {@code MERGE_TARGET_REJECTED}
 * (outcome REJECTED), or {@code MERGE_TARGET_EXCLUDED} (outcome EXCLUDED, the survivor was soft-deleted).
 * <p>Idempotent: it recomputes from {@code merge_target}, which only the mapping step writes, so a rerun
 * gives the same result. Runs in one transaction.
 * <p>Restart keys: none; a restarted step recomputes from the mapped records. Thread safety: one instance per
 * step execution ({@code @StepScope}), run by one thread; it keeps no state between calls.
 */
public class ResolveSourceMergesTasklet implements Tasklet {

    private record Row(String source, String id, String outcome, String mergeTarget) {
    }

    private final JdbcTemplate jdbc;
    private final String runId;

    public ResolveSourceMergesTasklet(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Map<String, Row> rows = new HashMap<>();
        List<Row> merged = new ArrayList<>();
        jdbc.query("SELECT source_system, source_record_id, outcome, merge_target FROM ci_mapped_record WHERE run_id = ?"
                + " AND source_system IN (SELECT DISTINCT source_system FROM ci_mapped_record WHERE run_id = ?"
                + " AND merge_target IS NOT NULL)", rs -> {
                    Row r = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    rows.put(r.source() + ":" + r.id(), r);
                    if (r.mergeTarget() != null) {
                        merged.add(r);
                    }
                }, runId, runId);
        List<Object[]> updates = new ArrayList<>();
        for (Row r : merged) {
            Set<String> seen = new HashSet<>();
            seen.add(r.id());
            String next = r.mergeTarget();
            String outcome = null;
            String reason = null;
            String survivor = null;
            while (outcome == null) {
                Row t = rows.get(r.source() + ":" + next);
                if (t == null) {
                    outcome = "REJECTED";
                    reason = "MERGE_TARGET_MISSING";
                } else if (!seen.add(t.id())) {
                    outcome = "REJECTED";
                    reason = "MERGE_CHAIN_CYCLE";
                } else if (t.mergeTarget() != null) {
                    next = t.mergeTarget();
                } else if (t.outcome().equals("CANDIDATE")) {
                    outcome = "MERGED_IN_SOURCE";
                    survivor = t.id();
                } else if (t.outcome().equals("EXCLUDED")) {
                    outcome = "EXCLUDED";
                    reason = "MERGE_TARGET_EXCLUDED";
                } else {
                    outcome = "REJECTED";
                    reason = "MERGE_TARGET_REJECTED";
                }
            }
            updates.add(new Object[] { outcome, reason, survivor, runId, r.source(), r.id() });
        }
        jdbc.batchUpdate("UPDATE ci_mapped_record SET outcome = ?, reason = ?, survivor_id = ? WHERE run_id = ?"
                + " AND source_system = ? AND source_record_id = ?", updates);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(updates.size());
        return RepeatStatus.FINISHED;
    }
}
