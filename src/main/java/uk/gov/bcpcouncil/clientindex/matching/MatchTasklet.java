package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * Matches the run's candidate records and writes the pairs decided ({@code ci_match_pair}) and every
 * indexed record's cluster ({@code ci_cluster_member}); a record merged in its source joins its
 * survivor's cluster. Statistics for the report go to the job ExecutionContext under {@code match.*}.
 * <p>Idempotent: it first deletes the run's rows of both tables, and the matcher and clustering are
 * deterministic, so a rerun writes the same rows. Runs in one transaction.
 */
public class MatchTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final String runId;
    private final Matcher matcher;
    private final JsonMapper json;

    public MatchTasklet(JdbcTemplate jdbc, String runId, Matcher matcher, JsonMapper json) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.matcher = matcher;
        this.json = json;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM ci_match_pair WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_cluster_member WHERE run_id = ?", runId);
        List<MatchRecord> records = new ArrayList<>();
        jdbc.query("SELECT record::text FROM ci_mapped_record WHERE run_id = ? AND outcome = 'CANDIDATE'"
                + " ORDER BY source_system, source_record_id",
                rs -> {
                    records.add(MatchRecords.of(json.readValue(rs.getString(1), CanonicalRecord.class)));
                }, runId);
        Matcher.Result result = matcher.match(records);
        ClusterBuilder clusters = new ClusterBuilder(records).apply(result.decisions());
        Map<String, String> clusterOf = clusters.clusters();

        jdbc.batchUpdate("INSERT INTO ci_match_pair (run_id, left_key, right_key, rule, score, decision)"
                + " VALUES (?, ?, ?, ?, ?, ?)", result.decisions(), 1000, (ps, d) -> {
                    ps.setString(1, runId);
                    ps.setString(2, d.left());
                    ps.setString(3, d.right());
                    ps.setString(4, d.rule());
                    ps.setDouble(5, Math.round(d.score() * 10000) / 10000.0);
                    ps.setString(6, d.verdict().name());
                });
        List<Object[]> rows = new ArrayList<>();
        clusterOf.forEach((key, cluster) -> {
            int colon = key.indexOf(':');
            rows.add(new Object[] { runId, key.substring(0, colon), key.substring(colon + 1), cluster });
        });
        jdbc.batchUpdate("INSERT INTO ci_cluster_member (run_id, source_system, source_record_id, cluster_key)"
                + " VALUES (?, ?, ?, ?)", rows);
        int merged = jdbc.update("INSERT INTO ci_cluster_member (run_id, source_system, source_record_id, cluster_key)"
                + " SELECT m.run_id, m.source_system, m.source_record_id, c.cluster_key FROM ci_mapped_record m"
                + " JOIN ci_cluster_member c ON c.run_id = m.run_id AND c.source_system = m.source_system"
                + " AND c.source_record_id = m.survivor_id"
                + " WHERE m.run_id = ? AND m.outcome = 'MERGED_IN_SOURCE'", runId);

        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        job.putLong("match.candidateRecords", records.size());
        job.putLong("match.candidatePairs", result.candidatePairs());
        job.put("match.pairsByBlock", new TreeMap<>(result.candidatePairsByBlock()));
        Map<String, Long> byRule = new TreeMap<>();
        result.decisions().forEach(d -> byRule.merge(d.rule(), 1L, Long::sum));
        job.put("match.decisionsByRule", byRule);
        job.putLong("match.chainBlocked", clusters.chainBlocked());
        job.putLong("match.mergedInSource", merged);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(rows.size() + merged);
        return RepeatStatus.FINISHED;
    }
}
