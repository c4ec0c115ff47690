package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.infra.CopyRows;
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
 * rerun issues exactly the same IDs. Runs in one transaction; reads the clusters' records in one streaming
 * query in cluster-key order and writes with {@code COPY} in batches of {@value #BATCH} clusters.
 * <p>Restart keys: none; a restarted step recomputes everything from the run's clusters. Thread safety: one
 * instance per step execution ({@code @StepScope}), run by one thread; it keeps no state between calls. The
 * step's thread reads, issues the IDs (in cluster-key order) and writes, alone on the connection; the JSON
 * parsing, the survivorship rules and the encoding of each batch run on a pool of one worker per core, started
 * and stopped within the call, at most a few batches ahead of the writes (memory stays bounded).
 */
public class BuildClientIndexTasklet implements Tasklet {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;
    private final GoldenRecordBuilder builder;
    private final int threads;

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this(jdbc, runId, json, new GoldenRecordBuilder());
    }

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json, GoldenRecordBuilder builder) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
        this.builder = builder;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // joins' hash tables and sorts in memory as far as they fit, instead of many batches on disk
        jdbc.execute("SET LOCAL work_mem = '256MB'");
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
        long clients;
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "build-client-index-" + runId.hashCode());
            t.setDaemon(true);
            return t;
        });
        try {
            Pipeline pipeline = new Pipeline(workers);
            String[] current = { null };
            List<byte[]> members = new ArrayList<>();
            Runnable flushCluster = () -> {
                String id = inherited.get(current[0]);
                if (id == null) {
                    id = ClientIds.format(nextSeq[0]);
                    pipeline.issued(id, nextSeq[0]++);
                    survival.created(current[0], id);
                }
                pipeline.add(new Cluster(id, current[0], List.copyOf(members)));
                members.clear();
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
                        // the record's JSON as the server sent it (UTF-8): decoded and parsed on a worker
                        members.add(rs.getBytes(2));
                    }, runId);
            if (!members.isEmpty()) {
                flushCluster.run();
            }
            clients = pipeline.finish();
        } finally {
            workers.shutdownNow();
        }
        List<ClientIdSurvival.Event> events = survival.events();
        CopyRows eventRows = new CopyRows(64 * 1024);
        for (ClientIdSurvival.Event e : events) {
            eventRows.add(runId).add(e.clientId()).add(e.event()).add(e.related()).add(basis);
            eventRows.endRow();
            if (eventRows.rows() >= EVENT_BATCH) {
                eventRows.send(jdbc.getDataSource(), "ci_client_id_event", EVENT_COLUMNS);
                eventRows = new CopyRows(64 * 1024);
            }
        }
        eventRows.send(jdbc.getDataSource(), "ci_client_id_event", EVENT_COLUMNS);
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
        contribution.incrementWriteCount(clients);
        return RepeatStatus.FINISHED;
    }

    /** Job ExecutionContext key of the ID event counts (a map of event to count). */
    public static final String EVENT_COUNTS_KEY = "ids.events";
    /** Job ExecutionContext key of the basis run ("" for none). */
    public static final String BASIS_KEY = "ids.basis";

    private static final List<String> EVENT_COLUMNS = List.of("run_id", "client_id", "event", "related_id",
            "basis_run_id");
    private static final List<String> CLIENT_COLUMNS = List.of("run_id", "client_id", "cluster_key", "given_name",
            "family_name", "birth_date", "expected_birth_date", "sex", "nhs_number", "upn", "ethnicity", "postcode",
            "member_count", "record");
    private static final List<String> XREF_COLUMNS = List.of("run_id", "source_system", "source_record_id", "client_id");
    private static final List<String> ISSUED_COLUMNS = List.of("client_id", "seq", "issued_run");
    private static final int EVENT_BATCH = 50_000;

    /** One cluster read in key order: its client ID and its members' records as JSON (UTF-8). */
    private record Cluster(String clientId, String clusterKey, List<byte[]> members) {
    }

    /** A batch of clusters encoded for COPY by a worker: the golden records and their cross-references. */
    private record Encoded(CopyRows clients, CopyRows xrefs) {
    }

    /**
     * Batches of {@value #BATCH} clusters built and encoded on the workers, and written in read order by the
     * step's thread (the only one touching the connection), at most a few batches ahead: memory stays
     * bounded whatever the number of clusters.
     */
    private final class Pipeline {
        private final ExecutorService workers;
        private final int maxInFlight;
        private final ArrayDeque<Future<Encoded>> inFlight = new ArrayDeque<>();
        private final ArrayDeque<CopyRows> issuedOfBatch = new ArrayDeque<>();
        private List<Cluster> batch = new ArrayList<>(BATCH);
        private CopyRows issued = new CopyRows(16 * 1024);
        private long clients;

        Pipeline(ExecutorService workers) {
            this.workers = workers;
            this.maxInFlight = threads + 2;
        }

        void issued(String id, long seq) {
            issued.add(id).add(seq).add(runId);
            issued.endRow();
        }

        void add(Cluster cluster) {
            batch.add(cluster);
            clients++;
            if (batch.size() >= BATCH) {
                submit();
            }
        }

        private void submit() {
            List<Cluster> work = batch;
            batch = new ArrayList<>(BATCH);
            inFlight.add(workers.submit(() -> encode(work)));
            issuedOfBatch.add(issued);
            issued = new CopyRows(16 * 1024);
            while (inFlight.size() > maxInFlight) {
                writeOldest();
            }
        }

        private void writeOldest() {
            Encoded e;
            try {
                e = inFlight.poll().get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the client index", ex);
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("building the client index failed", cause);
            }
            issuedOfBatch.poll().send(jdbc.getDataSource(), "ci_client_id_issued", ISSUED_COLUMNS);
            e.clients().send(jdbc.getDataSource(), "ci_client", CLIENT_COLUMNS);
            e.xrefs().send(jdbc.getDataSource(), "ci_client_xref", XREF_COLUMNS);
        }

        /** Writes everything still pending; returns the number of clusters. */
        long finish() {
            if (!batch.isEmpty() || issued.rows() > 0) {
                submit();
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            return clients;
        }
    }

    /** Builds a batch's golden records and encodes them and their cross-references (on a worker). */
    private Encoded encode(List<Cluster> work) {
        CopyRows clientRows = new CopyRows(work.size() * 2048);
        CopyRows xrefRows = new CopyRows(work.size() * 64);
        List<CanonicalRecord> records = new ArrayList<>();
        for (Cluster cluster : work) {
            records.clear();
            for (byte[] member : cluster.members()) {
                records.add(json.readValue(member, CanonicalRecord.class));
            }
            GoldenRecord g = builder.build(cluster.clientId(), cluster.clusterKey(), records);
            clientRows.add(runId).add(g.clientId()).add(g.clusterKey()).add(g.givenName()).add(g.familyName())
                    .add(g.birthDate()).add(g.expectedBirthDate()).add(g.sex()).add(g.nhsNumber()).add(g.upn())
                    .add(g.ethnicity()).add(g.postcode()).add(g.members().size()).add(json.writeValueAsString(g));
            clientRows.endRow();
            for (String member : g.members()) {
                int colon = member.indexOf(':');
                xrefRows.add(runId).add(member.substring(0, colon)).add(member.substring(colon + 1)).add(g.clientId());
                xrefRows.endRow();
            }
        }
        return new Encoded(clientRows, xrefRows);
    }
}
