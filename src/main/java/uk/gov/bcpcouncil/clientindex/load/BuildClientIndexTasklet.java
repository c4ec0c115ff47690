package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.infra.BinaryCopyRows;
import uk.gov.bcpcouncil.clientindex.infra.CopyRows;
import uk.gov.bcpcouncil.clientindex.infra.PgSettings;
import uk.gov.bcpcouncil.clientindex.infra.SideTransaction;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * Builds the run's client index from the clusters: one {@code ci_client} row per cluster (golden record
 * with provenance and history, by the survivorship rules) and one {@code ci_client_xref} row per legacy
 * record in it, and the run's client ID events ({@code ci_client_id_event}).
 * <p>Client IDs follow {@link ClientIdSurvival} against the run's basis ({@link IndexBasis}: the live index,
 * else the last completed run): a cluster inherits the basis ID held by most of its records; a cluster
 * without one gets a new ID, numbered max issued + 1 under a table lock in cluster-key order, and never reused. The
 * run's new IDs are one block of consecutive numbers, recorded as one row ({@code ci_client_id_block}), which also
 * gives their CREATED events; the other events (MERGED, SPLIT, RETIRED) are stored ({@code ci_client_id_change});
 * {@code ci_client_id_event} shows both. Counts of the events go to the job ExecutionContext under {@code ids.*}.
 * <p>The cross-references are written into a table without indexes, whose indexes are built and which is attached
 * as the run's partition of {@code ci_client_xref} at the end, in the step's transaction ({@link ClientXrefPartitions}).
 * <p>Idempotent: deletes the run's index rows, events and the IDs it issued in any earlier attempt of this
 * step first (an attempt can commit and still be rerun, when a stop request arrives just after it), so a
 * rerun issues exactly the same IDs. Writes use {@code COPY} in batches of {@value #BATCH} clusters: the
 * cross-references and events in the step's transaction; the golden records, the batches in turn, in two side
 * transactions of their own ({@link SideTransaction}), committed just before the step's, so that three PostgreSQL
 * backends share the writing (one backend writing everything was the step's bound: at a million children the golden
 * records alone were 21 s of its 37; with one side transaction for them, the step's thread still waited 16.8 s of
 * 28.3 for its writer). The run's golden records of an earlier attempt are deleted first, in a transaction of
 * their own committed at once, so that the two writers never wait on each other's delete. When the step's
 * transaction fails after a side committed, the run's golden records written stay until the rerun replaces them; a
 * run's index is read only once its job completed.
 * <p>Restart keys: none; a restarted step recomputes everything from the run's clusters. Thread safety: one
 * instance per step execution ({@code @StepScope}), run by one thread; it keeps no state between calls. Within
 * a call, four kinds of threads, started and stopped by it, work at once so that the PostgreSQL backends and both
 * cores stay busy: a reader streams the clusters' records in cluster-key order in one query on a second connection
 * (a read-only transaction: those rows were committed by the steps before) and issues the IDs in that order; a pool
 * of one worker per core parses the records, applies the survivorship rules and encodes each batch; the step's
 * thread writes the batches' IDs and cross-references in read order on the step's connection, and the side
 * transactions' threads their golden records on a third and a fourth. At most a few batches are in flight (bounded
 * queues), so memory stays bounded whatever the number of clusters.
 */
public class BuildClientIndexTasklet implements Tasklet {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildClientIndexTasklet.class);

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final ObjectReader recordReader;
    private final ObjectWriter goldenWriter;
    private final GoldenRecordBuilder builder;
    private final int threads;

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this(jdbc, runId, json, new GoldenRecordBuilder());
    }

    public BuildClientIndexTasklet(JdbcTemplate jdbc, String runId, JsonMapper json, GoldenRecordBuilder builder) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.recordReader = IsoDates.reading(json).readerFor(CanonicalRecord.class);
        this.goldenWriter = json.writerFor(GoldenRecord.class);
        this.builder = builder;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long t0 = System.nanoTime();
        jdbc.execute(PgSettings.LARGE_WORK_MEM);
        // the run's cross-references go into a table of their own, indexed once full (ClientXrefPartitions); its name
        // is made by the schema's function of lower-case letters, digits and _ only
        String xrefTable = ClientXrefPartitions.loadTable(jdbc, runId);
        jdbc.update("DELETE FROM ci_client_id_change WHERE run_id = ?", runId);
        jdbc.execute("LOCK TABLE ci_client_id_block IN EXCLUSIVE MODE");
        // IDs this run issued in an earlier attempt of this step were never part of a completed run or a
        // report (the step did not complete): release them, so the rerun issues the same IDs again.
        jdbc.update("DELETE FROM ci_client_id_block WHERE issued_run = ?", runId);
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
        long firstSeq = jdbc.queryForObject("SELECT COALESCE(MAX(last_seq), 0) FROM ci_client_id_block", Long.class) + 1;
        long tSetUp = System.nanoTime();
        long tFirst = 0;
        long goldenWait = 0;
        long tRead;
        long tAttached;
        long clients;
        long issued;
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemon("build-client-index-worker"));
        ExecutorService reading = Executors.newSingleThreadExecutor(daemon("build-client-index-reader"));
        // the run's golden records of an earlier attempt deleted first, in a transaction of its own committed at once
        // (the step's is suspended meanwhile): the writers below do not then wait for each other's delete
        TransactionTemplate own = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(status -> jdbc.update("DELETE FROM ci_client WHERE run_id = ?", runId));
        try (SideTransaction goldenA = new SideTransaction(jdbc.getDataSource(), "build-client-index-golden-a", 2);
                SideTransaction goldenB = new SideTransaction(jdbc.getDataSource(), "build-client-index-golden-b", 2)) {
            // the golden records on two more backends, each in a transaction of its own, the batches in turn
            SideTransaction[] writers = { goldenA, goldenB };
            long batches = 0;
            BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(threads + 2);
            Reader clusters = new Reader(inherited, firstSeq, survival, workers, ready);
            Future<Long> reader = reading.submit(clusters::read);
            while (true) {
                Batch b = ready.poll(1, TimeUnit.SECONDS);
                if (b == null) {
                    if (reader.isDone()) {
                        await(reader); // rethrows the reader's failure; after a success the end marker is queued
                    }
                    continue;
                }
                if (b == Batch.END) {
                    break;
                }
                if (tFirst == 0) {
                    tFirst = System.nanoTime();
                }
                goldenWait += write(b, writers[(int) (batches++ % writers.length)], xrefTable);
            }
            tRead = System.nanoTime();
            clients = await(reader);
            issued = clusters.nextSeq - firstSeq; // the reader has ended: its count is published by the future
            // the cross-references' indexes built while the side transactions write their last golden records
            ClientXrefPartitions.attach(jdbc, runId);
            tAttached = System.nanoTime();
            goldenA.commit();
            goldenB.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the client index", e);
        } finally {
            reading.shutdownNow();
            workers.shutdownNow();
        }
        long tCommitted = System.nanoTime();
        LOG.info("buildClientIndex phases: set-up {} ms, first batch after {} ms, clusters read, built and written {} ms,"
                + " of which {} ms waiting for the golden records' writers, cross-references indexed and attached {} ms,"
                + " then waiting for the golden records {} ms ({} clients, {} new IDs)", ms(tSetUp - t0),
                ms((tFirst == 0 ? tRead : tFirst) - tSetUp), ms(tRead - tSetUp), ms(goldenWait), ms(tAttached - tRead),
                ms(tCommitted - tAttached), clients, issued);
        if (issued > 0) { // the run's new IDs, one block: their CREATED events are the block's (ci_client_id_event)
            jdbc.update("INSERT INTO ci_client_id_block (first_seq, last_seq, issued_run, basis_run_id)"
                    + " VALUES (?, ?, ?, ?)", firstSeq, firstSeq + issued - 1, runId, basis);
        }
        List<ClientIdSurvival.Event> events = survival.events();
        CopyRows eventRows = new CopyRows(64 * 1024);
        for (ClientIdSurvival.Event e : events) {
            if (e.event().equals(ClientIdSurvival.CREATED)) {
                continue;
            }
            eventRows.add(runId).add(e.clientId()).add(e.event()).add(e.related()).add(basis);
            eventRows.endRow();
            if (eventRows.rows() >= EVENT_BATCH) {
                eventRows.send(jdbc.getDataSource(), "ci_client_id_change", EVENT_COLUMNS);
                eventRows = new CopyRows(64 * 1024);
            }
        }
        eventRows.send(jdbc.getDataSource(), "ci_client_id_change", EVENT_COLUMNS);
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
            "member_count", "members", "record");
    private static final List<String> XREF_COLUMNS = List.of("run_id", "source_system", "source_record_id", "client_id");
    private static final int EVENT_BATCH = 50_000;

    /** One cluster read in key order: its client ID and its members' records as JSON (UTF-8). */
    private record Cluster(String clientId, String clusterKey, List<byte[]> members) {
    }

    /** A batch of clusters encoded for COPY by a worker: the golden records and their cross-references. */
    private record Encoded(BinaryCopyRows clients, CopyRows xrefs) {
    }

    /** A batch in read order: its golden records and cross-references, being encoded. */
    private record Batch(Future<Encoded> encoded) {
        static final Batch END = new Batch(null);
    }

    /**
     * The clusters' records in byte order of the keys ({@code COLLATE "C"}): the order IDs are issued in is the same
     * on every server whatever its collation, and the sort compares bytes instead of calling the locale.
     * <p>Only the members' keys and the places of their records ({@code ctid}, found by one hash join of the two
     * tables; a member without a record has none, and fails the step) are sorted; each record is then fetched by that
     * place as its row is sent (a TID scan, in the query's snapshot, so it is the row the join found). Joining first
     * and sorting the joined rows put every record, about 1 kB each, through an external sort: at 1,000,000 children
     * the first row came after about 7 s, with the rest of the step waiting. Fetching each record by primary key
     * instead (one index descent per member) kept one server process busy for 12 s at that size; by its place, the
     * query takes 5 s, the join shared with parallel workers.
     */
    private static final String READ_SQL = "SELECT k.cluster_key, (SELECT m.record::text FROM ci_mapped_record m"
            + " WHERE m.ctid = k.place) FROM (SELECT c.cluster_key, c.source_system, c.source_record_id,"
            + " m.ctid AS place FROM ci_cluster_member c LEFT JOIN ci_mapped_record m ON m.run_id = ?"
            + " AND m.source_system = c.source_system AND m.source_record_id = c.source_record_id"
            + " WHERE c.run_id = ?) k"
            + " ORDER BY k.cluster_key COLLATE \"C\", k.source_system COLLATE \"C\", k.source_record_id COLLATE \"C\"";

    /**
     * Reads the clusters' records in cluster-key order on its own connection (a read-only transaction: the
     * rows were committed by the steps before), issues the IDs in that order, and hands batches of
     * {@value #BATCH} clusters to the workers and then, in order, to the step's thread through a bounded
     * queue (memory stays bounded). Runs on the reader thread; owns {@code survival} until it returns.
     */
    private final class Reader {
        private final Map<String, String> inherited;
        private final ClientIdSurvival survival;
        private final ExecutorService workers;
        private final BlockingQueue<Batch> ready;
        private long nextSeq;
        private long clients;
        private List<Cluster> batch = new ArrayList<>(BATCH);

        Reader(Map<String, String> inherited, long firstSeq, ClientIdSurvival survival, ExecutorService workers,
                BlockingQueue<Batch> ready) {
            this.inherited = inherited;
            this.nextSeq = firstSeq;
            this.survival = survival;
            this.workers = workers;
            this.ready = ready;
        }

        long read() throws SQLException, InterruptedException {
            try (Connection c = jdbc.getDataSource().getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                try {
                    try (Statement s = c.createStatement()) {
                        s.execute(PgSettings.LARGE_WORK_MEM);
                    }
                    try (PreparedStatement ps = c.prepareStatement(READ_SQL)) {
                        ps.setFetchSize(BATCH);
                        ps.setString(1, runId);
                        ps.setString(2, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            String current = null;
                            List<byte[]> members = new ArrayList<>();
                            while (rs.next()) {
                                String cluster = rs.getString(1);
                                if (current != null && !cluster.equals(current)) {
                                    cluster(current, members);
                                    members = new ArrayList<>();
                                }
                                current = cluster;
                                // the record's JSON as the server sent it (UTF-8): parsed on a worker
                                byte[] record = rs.getBytes(2);
                                // every member is a mapped record: none means the run's tables disagree
                                if (record == null) {
                                    throw new IllegalStateException("cluster " + cluster + " has a member without a"
                                            + " mapped record in run " + runId + ": rerun matchRecords");
                                }
                                members.add(record);
                            }
                            if (!members.isEmpty()) {
                                cluster(current, members);
                            }
                        }
                    }
                } finally {
                    c.rollback();
                }
            }
            if (!batch.isEmpty()) {
                submit();
            }
            ready.put(Batch.END);
            return clients;
        }

        private void cluster(String key, List<byte[]> members) throws InterruptedException {
            String id = inherited.get(key);
            if (id == null) {
                id = ClientIds.format(nextSeq++);
                survival.created(key, id);
            }
            batch.add(new Cluster(id, key, members));
            clients++;
            if (batch.size() >= BATCH) {
                submit();
            }
        }

        private void submit() throws InterruptedException {
            List<Cluster> work = batch;
            batch = new ArrayList<>(BATCH);
            ready.put(new Batch(workers.submit(() -> encode(work))));
        }
    }

    /**
     * Writes a batch: its cross-references on the step's thread, in the step's transaction; its golden records queued
     * for a side transaction.
     *
     * @return the nanoseconds spent waiting for room in that side transaction's queue
     */
    private long write(Batch b, SideTransaction golden, String xrefTable) throws InterruptedException {
        Encoded e = await(b.encoded());
        long queued = System.nanoTime();
        golden.submit(() -> e.clients().send(jdbc.getDataSource(), "ci_client", CLIENT_COLUMNS));
        long waited = System.nanoTime() - queued;
        e.xrefs().send(jdbc.getDataSource(), xrefTable, XREF_COLUMNS);
        return waited;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof SQLException sql) {
                throw new org.springframework.dao.DataAccessResourceFailureException(
                        "reading the clusters for the client index failed", sql);
            }
            throw new IllegalStateException("building the client index failed", cause);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a batch's golden records and encodes them and their cross-references (on a worker). */
    private Encoded encode(List<Cluster> work) {
        BinaryCopyRows clientRows = new BinaryCopyRows(work.size() * 2560);
        CopyRows xrefRows = new CopyRows(work.size() * 64);
        List<CanonicalRecord> records = new ArrayList<>();
        for (Cluster cluster : work) {
            records.clear();
            for (byte[] member : cluster.members()) {
                records.add(recordReader.readValue(member));
            }
            GoldenRecord g = builder.build(cluster.clientId(), cluster.clusterKey(), records);
            clientRows.row(CLIENT_COLUMNS.size()).text(runId).text(g.clientId()).text(g.clusterKey())
                    .text(g.givenName()).text(g.familyName()).date(g.birthDate()).date(g.expectedBirthDate())
                    .text(g.sex()).text(g.nhsNumber()).text(g.upn()).text(g.ethnicity()).text(g.postcode())
                    .int4(g.members().size()).textArray(g.members()).json(goldenWriter, g);
            for (String member : g.members()) {
                int colon = member.indexOf(':');
                xrefRows.add(runId).add(member.substring(0, colon)).add(member.substring(colon + 1)).add(g.clientId());
                xrefRows.endRow();
            }
        }
        return new Encoded(clientRows, xrefRows.seal());
    }
}
