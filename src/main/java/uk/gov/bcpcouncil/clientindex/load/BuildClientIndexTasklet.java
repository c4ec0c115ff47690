package uk.gov.bcpcouncil.clientindex.load;

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

import uk.gov.bcpcouncil.clientindex.infra.PgCopy;
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
 * issues exactly the same IDs. Runs in one transaction; writes with {@code COPY} in batches of {@value #BATCH} clusters.
 * Not thread-safe (one instance per step execution).
 */
public class BuildClientIndexTasklet implements Tasklet {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;
    private final GoldenRecordBuilder builder = new GoldenRecordBuilder();
    /** IDs issued since the last write: (client ID, sequence number). */
    private final List<Object[]> issued = new ArrayList<>();

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
        issued.clear();
        List<GoldenRecord> batch = new ArrayList<>();
        long[] clients = { 0 };
        String[] current = { null };
        List<CanonicalRecord> members = new ArrayList<>();
        Runnable flushCluster = () -> {
            String id = chooseId(members, previous, taken);
            if (id == null) {
                id = ClientIds.format(nextSeq[0]);
                issued.add(new Object[] { id, nextSeq[0]++ });
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

    /** Writes a batch of golden records, their cross-references and the IDs issued for them, with COPY. */
    private void write(List<GoldenRecord> batch) {
        if (!issued.isEmpty()) {
            try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_client_id_issued",
                    List.of("client_id", "seq", "issued_run"))) {
                for (Object[] id : issued) {
                    copy.add((String) id[0]).add((Long) id[1]).add(runId);
                    copy.endRow();
                }
                copy.finish();
            }
            issued.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_client", List.of("run_id", "client_id", "cluster_key",
                "given_name", "family_name", "birth_date", "expected_birth_date", "sex", "nhs_number", "upn", "ethnicity",
                "postcode", "member_count", "record"))) {
            for (GoldenRecord g : batch) {
                copy.add(runId).add(g.clientId()).add(g.clusterKey()).add(g.givenName()).add(g.familyName())
                        .add(g.birthDate()).add(g.expectedBirthDate()).add(g.sex()).add(g.nhsNumber()).add(g.upn())
                        .add(g.ethnicity()).add(g.postcode()).add(g.members().size()).add(json.writeValueAsString(g));
                copy.endRow();
            }
            copy.finish();
        }
        try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_client_xref",
                List.of("run_id", "source_system", "source_record_id", "client_id"))) {
            for (GoldenRecord g : batch) {
                for (String member : g.members()) {
                    int colon = member.indexOf(':');
                    copy.add(runId).add(member.substring(0, colon)).add(member.substring(colon + 1)).add(g.clientId());
                    copy.endRow();
                }
            }
            copy.finish();
        }
        batch.clear();
    }
}
