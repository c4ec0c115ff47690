package uk.gov.bcpcouncil.clientindex.load;

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

import uk.gov.bcpcouncil.clientindex.infra.PgCopy;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * Builds the run's client index from the clusters: one {@code ci_client} row per cluster (golden record
 * with provenance and history, by the survivorship rules) and one {@code ci_client_xref} row per legacy
 * record in it, and the run's client ID events ({@code ci_client_id_event}).
 * <p>Client IDs follow {@link ClientIdSurvival} against the run's basis ({@link IndexBasis}: the live index,
 * else the last completed run): a cluster inherits the basis ID held by most of its records; a cluster
 * without one gets a new ID, numbered max issued + 1 under a table lock in cluster-key order, recorded in
 * {@code ci_client_id_issued} and never reused. Counts of the events go to the job ExecutionContext under
 * {@code ids.*}.
 * <p>Idempotent: deletes the run's index rows, events and the IDs it issued in any earlier attempt of this
 * step first (an attempt can commit and still be rerun, when a stop request arrives just after it), so a
 * rerun issues exactly the same IDs. Runs in one transaction; writes with {@code COPY} in batches of
 * {@value #BATCH} clusters.
 * <p>Restart keys: none; a restarted step recomputes everything from the run's clusters. Thread safety: one
 * instance per step execution ({@code @StepScope}), run by one thread; it keeps no state between calls.
 */
public class BuildClientIndexTasklet implements Tasklet {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;
    private final GoldenRecordBuilder builder;
    /** IDs issued since the last write: (client ID, sequence number). */
    private final List<Object[]> issued = new ArrayList<>();

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this(jdbc, runId, json, new GoldenRecordBuilder());
    }

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json, GoldenRecordBuilder builder) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
        this.builder = builder;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM ci_client_xref WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_client WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_client_id_event WHERE run_id = ?", runId);
        jdbc.execute("LOCK TABLE ci_client_id_issued IN EXCLUSIVE MODE");
        // IDs this run issued in an earlier attempt of this step were never part of a completed run or a
        // report (the step did not complete): release them, so the rerun issues the same IDs again.
        jdbc.update("DELETE FROM ci_client_id_issued WHERE issued_run = ?", runId);
        String basis = IndexBasis.of(jdbc, runId);
        ClientIdSurvival survival = new ClientIdSurvival();
        if (basis != null) {
            jdbc.query("SELECT client_id FROM ci_client WHERE run_id = ?", rs -> {
                survival.basisId(rs.getString(1));
            }, basis);
            jdbc.query("SELECT c.cluster_key, b.client_id, COUNT(*) FROM ci_cluster_member c JOIN ci_client_xref b"
                    + " ON b.run_id = ? AND b.source_system = c.source_system AND b.source_record_id = c.source_record_id"
                    + " WHERE c.run_id = ? GROUP BY c.cluster_key, b.client_id", rs -> {
                        survival.vote(rs.getString(1), rs.getString(2), rs.getLong(3));
                    }, basis, runId);
        }
        Map<String, String> inherited = survival.inherit();
        long[] nextSeq = { jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM ci_client_id_issued", Long.class) + 1 };
        issued.clear();
        List<GoldenRecord> batch = new ArrayList<>();
        long[] clients = { 0 };
        String[] current = { null };
        List<CanonicalRecord> members = new ArrayList<>();
        Runnable flushCluster = () -> {
            String id = inherited.get(current[0]);
            if (id == null) {
                id = ClientIds.format(nextSeq[0]);
                issued.add(new Object[] { id, nextSeq[0]++ });
                survival.created(current[0], id);
            }
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
        List<ClientIdSurvival.Event> events = survival.events();
        jdbc.batchUpdate("INSERT INTO ci_client_id_event (run_id, client_id, event, related_id, basis_run_id)"
                + " VALUES (?, ?, ?, ?, ?)", events, BATCH, (ps, e) -> {
                    ps.setString(1, runId);
                    ps.setString(2, e.clientId());
                    ps.setString(3, e.event());
                    ps.setString(4, e.related());
                    ps.setString(5, basis);
                });
        Map<String, Long> counts = new TreeMap<>();
        for (String kind : List.of(ClientIdSurvival.CREATED, ClientIdSurvival.MERGED, ClientIdSurvival.SPLIT,
                ClientIdSurvival.RETIRED)) {
            counts.put(kind, 0L);
        }
        events.forEach(e -> counts.merge(e.event(), 1L, Long::sum));
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        job.put(EVENT_COUNTS_KEY, new TreeMap<>(counts));
        job.putString(BASIS_KEY, basis == null ? "" : basis);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(clients[0]);
        return RepeatStatus.FINISHED;
    }

    /** Job ExecutionContext key of the ID event counts (a map of event to count). */
    public static final String EVENT_COUNTS_KEY = "ids.events";
    /** Job ExecutionContext key of the basis run ("" for none). */
    public static final String BASIS_KEY = "ids.basis";

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
