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

import uk.gov.bcpcouncil.clientindex.extract.Incremental;
import uk.gov.bcpcouncil.clientindex.infra.BinaryResults;
import uk.gov.bcpcouncil.clientindex.infra.CopyRows;
import uk.gov.bcpcouncil.clientindex.infra.PgCopy;
import uk.gov.bcpcouncil.clientindex.infra.SideTransaction;
import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.review.ClericalDecisions;

/**
 * Matches the run's candidate records and writes the pairs decided ({@code ci_match_pair}; guarded pairs that
 * nothing would have merged or reviewed are only counted, {@code match.guardedNotStored}) with their
 * explanations ({@code ci_match_explanation}), the review queue ({@code ci_review_queue}: review-band pairs
 * and accepted pairs refused when a cluster was split), the model's parameters ({@code ci_match_model}) and
 * every indexed record's cluster ({@code ci_cluster_member}); a record merged in its source joins its
 * survivor's cluster. Reviewers' decisions are applied to the matcher's pairs first ({@link ClericalDecisions}).
 * Statistics for the report go to the job ExecutionContext under {@code match.*}.
 * <p>Incremental matching: the comparison levels of every candidate pair are kept with the run
 * ({@code ci_match_levels}, {@link MatchLevelsCache}); an incremental run takes those of pairs of two unchanged
 * records from its base run and compares only the pairs touching a changed or new record; a record carried over
 * unchanged brings its stored match view with it. Everything after the
 * levels (model, term frequencies, guards, decisions, clustering) runs over all records as in a full run, so the
 * result equals a full run's (see {@link MatchLevelsCache} for why). The counts of pairs compared and reused are
 * in the job context ({@value #LEVELS_COMPUTED_KEY}, {@value #LEVELS_REUSED_KEY}) and {@code summary.json}.
 * <p>Idempotent: it first deletes the run's rows of these tables (the levels cache included), and the matcher
 * and clustering are deterministic, so a rerun writes the same rows. Runs in the step's transaction, but for the
 * explanations: a second backend writes them, in a side transaction of their own ({@link SideTransaction}: its
 * first act deletes the run's explanations) committed just before the step's, while the step's connection writes
 * the pairs, the clusters and the rest (the explanations' {@code COPY} alone was 5 s of one backend at a million
 * children). When the step's transaction then fails, a rerun replaces the explanations committed.
 * <p>Restart keys: none in the step context (a restarted step recomputes everything); it writes its statistics
 * under {@code match.*} in the job context, overwritten by a rerun. Thread safety: one instance per step
 * execution ({@code @StepScope}), run by one thread; it keeps no state between calls.
 */
public class MatchTasklet implements Tasklet {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MatchTasklet.class);

    private static final int PARSE_BATCH = 20_000;

    /** Job context: candidate pairs whose comparison levels this run computed, and those taken from the base run. */
    public static final String LEVELS_COMPUTED_KEY = "match.levelsComputed";
    public static final String LEVELS_REUSED_KEY = "match.levelsReused";
    /** Job context: candidate records carried over with their base run's match view (not mapped or viewed again). */
    public static final String RECORDS_FROM_BASE_KEY = "match.recordsFromBase";
    /** Job context: candidate views taken from mapRecords in this process ({@link MatchViews}) instead of read back. */
    public static final String VIEWS_KEPT_KEY = "match.viewsKeptInProcess";

    private final JdbcTemplate jdbc;
    private final String runId;
    private final Matcher matcher;
    private final JsonMapper json;
    private final MatchViews views;

    public MatchTasklet(JdbcTemplate jdbc, String runId, Matcher matcher, JsonMapper json) {
        this(jdbc, runId, matcher, json, new MatchViews(false));
    }

    /** @param views the candidates' views mapRecords kept in this process, taken when they are all the run's */
    public MatchTasklet(JdbcTemplate jdbc, String runId, Matcher matcher, JsonMapper json, MatchViews views) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.matcher = matcher;
        this.json = json;
        this.views = views;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM ci_match_pair WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_cluster_member WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_review_queue WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_match_model WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM ci_match_levels WHERE run_id = ?", runId);
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        long t0 = System.nanoTime();
        MatchLevelsCache levels = levelsCache(chunkContext, job);
        long tBase = System.nanoTime();
        long[] fromBase = { 0 };
        long[] kept = { 0 };
        List<MatchRecord> records = load(levels.hasBase(), fromBase, kept);
        long t1 = System.nanoTime();
        // Reviewers' earlier decisions (issue 6): "same" accepts a pair, "different" guards it.
        Matcher.Result result = new ClericalDecisions(jdbc).apply(runId, matcher.match(records, levels));
        long t2 = System.nanoTime();
        // the levels cache is compressed while the clusters are built and the pairs written; stored after them
        java.util.concurrent.CompletableFuture<byte[]> cache = levels.encodeAsync();
        // the clusters are built on another thread while the pairs, which do not depend on them, are written; both
        // only read the records and the decisions
        java.util.concurrent.CompletableFuture<ClusterBuilder> clustering = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> new ClusterBuilder(records).apply(result.decisions()),
                        r -> daemon(r, "match-clusters"));
        long t3 = System.nanoTime();
        long tExplained;
        long tPairs;
        long tClustered;
        long tMembers;
        long tMembersWritten;
        long tCached;
        long cacheBytes;
        long members;
        int merged;
        ClusterBuilder clusters;
        List<MatchDecision> review;
        try (SideTransaction explanations = new SideTransaction(jdbc.getDataSource(), "match-explanations", 4)) {
            // the explanations written by a second backend, in a transaction of its own that replaces the run's,
            // while the step's connection writes the pairs, the members and the rest
            explanations.submit(() -> new JdbcTemplate(jdbc.getDataSource())
                    .update("DELETE FROM ci_match_explanation WHERE run_id = ?", runId));
            try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_match_pair",
                    List.of("run_id", "left_key", "right_key", "rule", "score", "decision"))) {
                for (MatchDecision d : result.decisions()) {
                    copy.add(runId).add(d.left()).add(d.right()).add(d.rule()).add(Double.toString(round(d.score())))
                            .add(d.verdict().name());
                    copy.endRow();
                }
                copy.finish();
            }
            tPairs = System.nanoTime();
            clusters = join(clustering);
            tClustered = System.nanoTime();
            // the explanations are encoded and queued on a thread of their own once the clusters are built (the
            // clusters, the members and the merged records are the longest chain: started first, not left short
            // of CPU); the queue is bounded, and this thread goes on with the members meanwhile
            java.util.concurrent.CompletableFuture<Void> explained = java.util.concurrent.CompletableFuture.runAsync(
                    () -> submitExplanations(result.decisions(), explanations),
                    r -> daemon(r, "match-explanations-encoder"));
            review = new ArrayList<>(result.decisions().stream()
                    .filter(d -> d.verdict() == MatchDecision.Verdict.REVIEW).toList());
            review.addAll(clusters.refused());
            writeReviewAndModel(review, result.model());
            tMembers = System.nanoTime();
            long[] written = writeMembers(clusters);
            members = written[0];
            merged = (int) written[1];
            tMembersWritten = System.nanoTime();
            cacheBytes = levels.write(jdbc, runId, cache.join());
            tCached = System.nanoTime();
            join(explained);
            tExplained = System.nanoTime();
            explanations.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the match results", e);
        }
        long t4 = System.nanoTime();
        LOG.info("matchRecords phases: base run's cache {} ms, load {} records ({} carried over with their base run's view,"
                + " {} kept by mapRecords in this process) {} ms, match {} ms ({} candidate pairs, {} decisions; levels of"
                + " {} pairs compared, {} from the base run, in {} ms), write {} ms (pairs {} ms,"
                + " with the clusters built meanwhile; then {} ms more for the clusters, review and model {} ms, members"
                + " ({} merged in their source among them) {} ms, levels cache {} ms for {} bytes, waiting for the"
                + " explanations to be encoded {} ms and written {} ms)", (tBase - t0) / 1_000_000,
                records.size(), fromBase[0], kept[0], (t1 - tBase) / 1_000_000, (t2 - t1) / 1_000_000,
                result.candidatePairs(), result.decisions().size(), levels.computed(), levels.reused(), levels.millis(),
                (t4 - t3) / 1_000_000, (tPairs - t3) / 1_000_000,
                (tClustered - tPairs) / 1_000_000, (tMembers - tClustered) / 1_000_000,
                merged, (tMembersWritten - tMembers) / 1_000_000, (tCached - tMembersWritten) / 1_000_000, cacheBytes,
                (tExplained - tCached) / 1_000_000,
                (t4 - tExplained) / 1_000_000);

        job.putLong(RECORDS_FROM_BASE_KEY, fromBase[0]);
        job.putLong(VIEWS_KEPT_KEY, kept[0]);
        job.putLong(LEVELS_COMPUTED_KEY, levels.computed());
        job.putLong(LEVELS_REUSED_KEY, levels.reused());
        job.putLong("match.candidateRecords", records.size());
        job.putLong("match.candidatePairs", result.candidatePairs());
        job.put("match.pairsByBlock", new TreeMap<>(result.candidatePairsByBlock()));
        Map<String, Long> byRule = new TreeMap<>();
        result.decisions().forEach(d -> byRule.merge(d.rule(), 1L, Long::sum));
        job.put("match.decisionsByRule", byRule);
        // guarded pairs that nothing would have merged or reviewed: counted, not stored (see ProbabilisticMatcher)
        job.put("match.guardedNotStored", new TreeMap<>(result.guardedNotStored()));
        job.putLong("match.chainBlocked", clusters.chainBlocked());
        job.putLong("match.inReview", review.size());
        job.putLong("match.mergedInSource", merged);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(members + merged);
        return RepeatStatus.FINISHED;
    }

    /**
     * Writes every indexed record's cluster ({@code ci_cluster_member}) in one {@code COPY}: the clusters' members in key
     * order, then the records merged in their source (a record merged in its source joins the cluster of its
     * survivor, the end of its chain in the same source, when that survivor is a member). The records merged in their
     * source are found by their partial index (merge_target IS NOT NULL, V16). Joining them to the members written
     * before, in the database, took 1.6-2.6 s at a million children (33,000 of them), with statistics taken first.
     *
     * @return the clusters' members written, and the records merged in their source written with them
     */
    private long[] writeMembers(ClusterBuilder clusters) {
        Map<String, List<String>> mergedInto = new java.util.HashMap<>();
        jdbc.query("SELECT source_system, source_record_id, survivor_id FROM ci_mapped_record WHERE run_id = ?"
                + " AND merge_target IS NOT NULL AND outcome = 'MERGED_IN_SOURCE' AND survivor_id IS NOT NULL", rs -> {
                    mergedInto.computeIfAbsent(rs.getString(1) + ":" + rs.getString(3), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }, runId);
        List<String[]> merged = new ArrayList<>();
        try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_cluster_member",
                List.of("run_id", "source_system", "source_record_id", "cluster_key"))) {
            clusters.forEachMember((key, cluster) -> {
                int colon = key.indexOf(':');
                String source = key.substring(0, colon);
                copy.add(runId).add(source).add(key.substring(colon + 1)).add(cluster);
                copy.endRow();
                for (String id : mergedInto.getOrDefault(key, List.of())) {
                    merged.add(new String[] { source, id, cluster });
                }
            });
            // after the members, which come in key order: one key above the rest in between would send every insert
            // after it down the primary key from its root (the members' COPY took 13-15 s instead of 9-10 s)
            for (String[] m : merged) {
                copy.add(runId).add(m[0]).add(m[1]).add(m[2]);
                copy.endRow();
            }
            return new long[] { copy.finish() - merged.size(), merged.size() };
        }
    }

    /**
     * Queues the explanations of the decided pairs for the side transaction: their terms' JSON written on all cores
     * a batch at a time, each into its own slot, and each batch encoded for {@code COPY} on this thread, in order.
     */
    private void submitExplanations(List<MatchDecision> decided, SideTransaction side) {
        for (int from = 0; from < decided.size(); from += EXPLANATION_BATCH) {
            int to = Math.min(decided.size(), from + EXPLANATION_BATCH);
            String[] terms = new String[to - from];
            int first = from;
            java.util.stream.IntStream.range(from, to).parallel().forEach(x -> {
                Explanation e = decided.get(x).explanation();
                terms[x - first] = e == null ? null : json.writeValueAsString(e.terms());
            });
            CopyRows rows = new CopyRows(64 * 1024);
            for (int x = from; x < to; x++) {
                MatchDecision d = decided.get(x);
                Explanation e = d.explanation();
                if (e == null) {
                    continue;
                }
                rows.add(runId).add(d.left()).add(d.right()).add(Double.toString(round(e.priorWeight())))
                        .add(Double.toString(round(e.total())))
                        .add(Double.toString(Math.round(e.probability() * 1e10) / 1e10)).add(terms[x - first]);
                rows.endRow();
            }
            CopyRows batch = rows.seal();
            try {
                side.submit(() -> batch.send(jdbc.getDataSource(), "ci_match_explanation", EXPLANATION_COLUMNS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queueing the explanations", e);
            }
        }
    }

    private static final List<String> EXPLANATION_COLUMNS = List.of("run_id", "left_key", "right_key", "prior_weight",
            "total_weight", "probability", "terms");

    /** The review queue (review-band pairs and accepted pairs refused by the clustering) and the model's parameters. */
    private void writeReviewAndModel(List<MatchDecision> review, FellegiSunterModel model) {
        jdbc.batchUpdate("INSERT INTO ci_review_queue (run_id, left_key, right_key, reason, score) VALUES (?, ?, ?, ?, ?)",
                review, 1000, (ps, d) -> {
                    ps.setString(1, runId);
                    ps.setString(2, d.left());
                    ps.setString(3, d.right());
                    // the rule that sent the pair to review (FS_REVIEW, REVIEW_TWINS_OR_SPELLING, ...), or CLUSTER_SPLIT
                    ps.setString(4, d.verdict() == MatchDecision.Verdict.REVIEW ? d.rule() : "CLUSTER_SPLIT");
                    ps.setDouble(5, round(d.score()));
                });
        if (model == null) {
            return;
        }
        List<FellegiSunterModel.Parameter> parameters = new ArrayList<>(model.parameters());
        parameters.add(0, new FellegiSunterModel.Parameter("_PRIOR", 0, "LAMBDA", model.lambda(), 1 - model.lambda(),
                model.priorWeight(), false));
        jdbc.batchUpdate("INSERT INTO ci_match_model (run_id, comparison, level_index, level, m, u, weight, tf_adjusted)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", parameters, 1000, (ps, p) -> {
                    ps.setString(1, runId);
                    ps.setString(2, p.comparison());
                    ps.setInt(3, p.levelIndex());
                    ps.setString(4, p.level());
                    ps.setDouble(5, p.m());
                    ps.setDouble(6, p.u());
                    ps.setDouble(7, p.weight());
                    ps.setBoolean(8, p.tfAdjusted());
                });
    }

    /**
     * An incremental run takes the levels of pairs of unchanged records from its base run's cache; a full run
     * (and an incremental run whose base kept none, or kept them under other matching code) compares every pair.
     * Either run keeps its own levels for the next incremental run.
     */
    private MatchLevelsCache levelsCache(ChunkContext chunkContext, ExecutionContext job) {
        String fingerprint = MatchLevelsCache.fingerprint(chunkContext.getStepContext().getStepExecution()
                .getJobParameters().getString(RunParameters.MAPPINGS_CHECKSUM, ""));
        String base = job.getString(Incremental.BASE_KEY, "");
        return base.isEmpty() ? MatchLevelsCache.withoutBase(fingerprint)
                : MatchLevelsCache.fromBase(jdbc, base, fingerprint);
    }

    /**
     * The run's candidate records. In a full run whose mapRecords ran in this process, the views it kept
     * ({@link MatchViews}), when they are as many as the run's candidates in the database (counted in {@code kept});
     * otherwise read in the query's order: each record's match view is decoded from
     * {@code match_view}, the bytes mapRecords stored ({@link MatchRecords#matchView}); a record an incremental run
     * carried over unchanged from its base run ({@code ci_incremental_key.changed} false) carries its base view
     * with it, so it is not mapped or viewed again (counted in {@code fromBase}). A row without a stored view
     * (mapped before the column existed) is viewed from its parsed JSON. Decoded and parsed in parallel, in batches
     * of {@value #PARSE_BATCH} while the next batches are read (bounded memory for the raw values), keeping the query's order.
     */
    private List<MatchRecord> load(boolean incremental, long[] fromBase, long[] kept) {
        if (!incremental) {
            Long candidates = jdbc.queryForObject("SELECT COUNT(*) FROM ci_mapped_record WHERE run_id = ?"
                    + " AND outcome = 'CANDIDATE'", Long.class, runId);
            List<MatchRecord> taken = views.take(runId, candidates == null ? -1 : candidates);
            if (taken != null) {
                kept[0] = taken.size();
                return taken;
            }
        }
        views.forget();
        List<MatchRecord> records = new ArrayList<>();
        // batches are decoded while the next ones are read (at most DECODING_AHEAD in flight), and joined in order
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<List<MatchRecord>>> decoding = new java.util.ArrayDeque<>();
        List<Object>[] raw = new List[] { new ArrayList<>(PARSE_BATCH) };
        // binary results: the views as bytes, not hex digits
        jdbc.query(BinaryResults.query("SELECT m.match_view, CASE WHEN m.match_view IS NULL THEN m.record::text END, "
                + (incremental ? "COALESCE(k.changed = FALSE, FALSE) FROM ci_mapped_record m LEFT JOIN ci_incremental_key k"
                        + " ON k.run_id = m.run_id AND k.source_system = m.source_system AND k.person_id = m.source_record_id"
                        : "FALSE FROM ci_mapped_record m")
                + " WHERE m.run_id = ? AND m.outcome = 'CANDIDATE' ORDER BY m.source_system, m.source_record_id", 5000,
                runId), rs -> {
                    byte[] view = rs.getBytes(1);
                    if (view != null && rs.getBoolean(3)) {
                        fromBase[0]++;
                    }
                    raw[0].add(view != null ? view : rs.getString(2));
                    if (raw[0].size() == PARSE_BATCH) {
                        List<Object> batch = raw[0];
                        decoding.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> parse(batch)));
                        raw[0] = new ArrayList<>(PARSE_BATCH);
                        while (decoding.size() > DECODING_AHEAD) {
                            records.addAll(decoding.poll().join());
                        }
                    }
                });
        while (!decoding.isEmpty()) {
            records.addAll(decoding.poll().join());
        }
        records.addAll(parse(raw[0]));
        return records;
    }

    /** Explanations whose JSON is written at once, on all cores. */
    private static final int EXPLANATION_BATCH = 10_000;

    /** Batches decoded while the query goes on: bounds the raw values held. */
    private static final int DECODING_AHEAD = 2;

    /** Stored match views decoded, JSON parsed and viewed, on all cores, in order. */
    private List<MatchRecord> parse(List<Object> raw) {
        return raw.parallelStream().map(v -> v instanceof byte[] bytes ? MatchRecords.fromMatchView(bytes)
                : MatchRecords.of(json.readValue((String) v, CanonicalRecord.class))).toList();
    }

    /** Runs the work on a thread of its own (a daemon: it ends with its work, or with the process). */
    private static void daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /** The work's result, or its own failure rethrown as it was thrown. */
    private static <T> T join(java.util.concurrent.CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Four decimals, and finite (a guard's pair may score minus infinity in principle). */
    private static double round(double x) {
        double bounded = Math.max(-999_999, Math.min(999_999, x));
        return Math.round(bounded * 10000) / 10000.0;
    }
}
