package uk.gov.bcpcouncil.clientindex.load;

import java.sql.Date;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * Builds the run's client index from the clusters: one {@code ci_client} row per cluster (golden record
 * with provenance and history) and one {@code ci_client_xref} row per legacy record in it.
 * <p>Client IDs: a cluster keeps the ID that most of its records had in the latest completed run (ties:
 * the lowest ID; an ID goes to the first cluster in cluster-key order that claims it); a cluster with no
 * such ID gets a new one, numbered max issued + 1 under a table lock, recorded in
 * {@code ci_client_id_issued} and never reused.
 * <p>Idempotent: deletes the run's index rows and the IDs it issued in any earlier attempt of this step
 * first (an attempt can commit and still be rerun, when a stop request arrives just after it), so a rerun
 * issues exactly the same IDs. Runs in one transaction.
 * <p>Restart keys: none; a restarted step recomputes everything from the run's clusters. Thread safety: one
 * instance per step execution ({@code @StepScope}), run by one thread; it keeps no state between calls.
 */
public class BuildClientIndexTasklet implements Tasklet {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;
    private final GoldenRecordBuilder builder = new GoldenRecordBuilder();

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM ci_client_xref WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_client WHERE run_id = ?", runId);
        jdbc.execute("LOCK TABLE ci_client_id_issued IN EXCLUSIVE MODE");
        // IDs this run issued in an earlier attempt of this step were never part of a completed run or a
        // report (the step did not complete): release them, so the rerun issues the same IDs again.
        jdbc.update("DELETE FROM ci_client_id_issued WHERE issued_run = ?", runId);
        Map<String, String> previous = previousIds();
        long[] nextSeq = { jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM ci_client_id_issued", Long.class) + 1 };
        Set<String> taken = new HashSet<>();
        List<GoldenRecord> batch = new ArrayList<>();
        long[] clients = { 0 };
        String[] current = { null };
        List<CanonicalRecord> members = new ArrayList<>();
        Runnable flushCluster = () -> {
            String id = chooseId(members, previous, taken);
            if (id == null) {
                id = ClientIds.format(nextSeq[0]);
                jdbc.update("INSERT INTO ci_client_id_issued (client_id, seq, issued_run) VALUES (?, ?, ?)", id,
                        nextSeq[0]++, runId);
            }
            taken.add(id);
            batch.add(builder.build(id, current[0], members));
            members.clear();
            clients[0]++;
            if (batch.size() >= BATCH) {
                write(batch);
            }
        };
        jdbc.setFetchSize(BATCH);
        jdbc.query("SELECT c.cluster_key, m.record::text FROM ci_cluster_member c JOIN ci_mapped_record m"
                + " ON m.run_id = c.run_id AND m.source_system = c.source_system AND m.source_record_id = c.source_record_id"
                + " WHERE c.run_id = ? ORDER BY c.cluster_key, c.source_system, c.source_record_id", rs -> {
                    String cluster = rs.getString(1);
                    if (current[0] != null && !cluster.equals(current[0])) {
                        flushCluster.run();
                    }
                    current[0] = cluster;
                    members.add(json.readValue(rs.getString(2), CanonicalRecord.class));
                }, runId);
        if (!members.isEmpty()) {
            flushCluster.run();
        }
        write(batch);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(clients[0]);
        return RepeatStatus.FINISHED;
    }

    /** The member-to-client map of the latest completed run other than this one. */
    private Map<String, String> previousIds() {
        Map<String, String> ids = new HashMap<>();
        jdbc.query("SELECT x.source_system || ':' || x.source_record_id, x.client_id FROM ci_client_xref x"
                + " WHERE x.run_id = (SELECT run_id FROM ci_run WHERE status = 'COMPLETED' AND run_id <> ?"
                + " ORDER BY ended_at DESC, run_id DESC LIMIT 1)", rs -> {
                    ids.put(rs.getString(1), rs.getString(2));
                }, runId);
        return ids;
    }

    private static String chooseId(List<CanonicalRecord> members, Map<String, String> previous, Set<String> taken) {
        Map<String, Integer> votes = new TreeMap<>();
        for (CanonicalRecord r : members) {
            String id = previous.get(r.source() + ":" + r.sourceRecordId());
            if (id != null && !taken.contains(id)) {
                votes.merge(id, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.<String, Integer>comparingByKey().reversed()))
                .map(Map.Entry::getKey).orElse(null);
    }

    private void write(List<GoldenRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO ci_client (run_id, client_id, cluster_key, given_name, family_name, birth_date,"
                + " expected_birth_date, sex, nhs_number, upn, ethnicity, postcode, member_count, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))", batch, BATCH, (ps, g) -> {
                    ps.setString(1, runId);
                    ps.setString(2, g.clientId());
                    ps.setString(3, g.clusterKey());
                    ps.setString(4, g.givenName());
                    ps.setString(5, g.familyName());
                    ps.setObject(6, g.birthDate() == null ? null : Date.valueOf(g.birthDate()), Types.DATE);
                    ps.setObject(7, g.expectedBirthDate() == null ? null : Date.valueOf(g.expectedBirthDate()),
                            Types.DATE);
                    ps.setString(8, g.sex());
                    ps.setString(9, g.nhsNumber());
                    ps.setString(10, g.upn());
                    ps.setString(11, g.ethnicity());
                    ps.setString(12, g.postcode());
                    ps.setInt(13, g.members().size());
                    ps.setString(14, json.writeValueAsString(g));
                });
        List<Object[]> xref = new ArrayList<>();
        for (GoldenRecord g : batch) {
            for (String member : g.members()) {
                int colon = member.indexOf(':');
                xref.add(new Object[] { runId, member.substring(0, colon), member.substring(colon + 1), g.clientId() });
            }
        }
        jdbc.batchUpdate("INSERT INTO ci_client_xref (run_id, source_system, source_record_id, client_id)"
                + " VALUES (?, ?, ?, ?)", xref);
        batch.clear();
    }
}
