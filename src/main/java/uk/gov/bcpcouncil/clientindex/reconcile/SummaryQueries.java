package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;

/**
 * The SQL behind {@link RunSummary}: counts and codes of one run from its run-scoped tables; the only
 * personal values read are those of the sample clusters, and they are masked here.
 */
final class SummaryQueries {

    private static final int SAMPLES_PER_BAND = 3;

    private final JdbcTemplate jdbc;
    private final String runId;

    SummaryQueries(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    /** The control totals of the run's sources and whether they balance. */
    record Balance(List<SourceTotals> totals, boolean balanced) {
    }

    /**
     * The run's summary. {@code samples} ({@link #samples}, read by another thread) and {@code balance} are asked
     * for last, after every query of the summary: the control totals come from {@code lineage.csv}, which may still
     * be being written meanwhile.
     */
    RunSummary summary(JobExecution job, Supplier<List<RunSummary.SampleCluster>> samples, Supplier<Balance> balance,
            Map<String, String> codeTables, Map<String, String> christchurch, String reportedAt,
            Map<String, String> matcherSettings) {
        ExecutionContext ctx = job.getExecutionContext();
        ClusterShape shape = clusterShape();
        Map<String, Long> sizes = shape.sizes();
        long clients = shape.clients();
        long singletons = sizes.getOrDefault("1", 0L);
        long candidatePairs = ctx.getLong("match.candidatePairs", 0L);
        long reviewQueue = count("SELECT COUNT(*) FROM ci_review_queue WHERE run_id = ?");

        Map<String, Long> byRule = grouped("SELECT rule, COUNT(*) FROM ci_match_pair WHERE run_id = ? GROUP BY rule");
        @SuppressWarnings("unchecked")
        Map<String, Long> byBlock = (Map<String, Long>) ctx.get("match.pairsByBlock");
        Map<String, Map<String, Long>> bands = new TreeMap<>();
        jdbc.query("SELECT p.rule, p.score, e.left_key IS NOT NULL FROM ci_match_pair p LEFT JOIN ci_match_explanation e"
                + " ON e.run_id = p.run_id AND e.left_key = p.left_key AND e.right_key = p.right_key"
                + " WHERE p.run_id = ? AND p.decision = 'MATCH'", rs -> {
                    bands.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .merge(ScoreBands.band(rs.getString(1), rs.getDouble(2), rs.getBoolean(3)), 1L, Long::sum);
                }, runId);
        Map<String, Long> guards = grouped("SELECT rule, COUNT(*) FROM ci_match_pair WHERE run_id = ?"
                + " AND decision = 'NO_MATCH_GUARD' GROUP BY rule");
        @SuppressWarnings("unchecked")
        Map<String, Long> notStored = (Map<String, Long>) ctx.get("match.guardedNotStored");
        if (notStored != null) {
            // refused by a guard but scored below the review weight: counted by the matcher, not stored pair by pair
            notStored.forEach((rule, n) -> guards.put(rule + " (below review weight, not stored)", n));
        }
        long chainBlocked = ctx.getLong("match.chainBlocked", 0L);
        if (chainBlocked > 0) {
            guards.put("CLUSTER_WOULD_CHAIN (join refused)", chainBlocked);
        }
        RunSummary.Matching matching = new RunSummary.Matching(ctx.getLong("match.candidateRecords", 0L),
                candidatePairs, byBlock == null ? Map.of() : byBlock, byRule, chainBlocked,
                sizes, shape.crossSystem(), shape.withinSystem(), ctx.getLong("match.mergedInSource", 0L), bands, guards);

        RecordStats stats = recordStats();
        Map<String, Map<String, Long>> quality = new TreeMap<>(stats.quality());
        List<RunSummary.UnmappedCode> unmapped = stats.unmapped();
        List<RunSummary.EthnicityRate> ethnicityRates = stats.ethnicityRates();
        RunSummary.PreviousRun previousRun = previousRun(shape);
        List<RunSummary.SampleCluster> sampled = samples.get();
        Balance b = balance.get();
        List<SourceTotals> totals = b.totals();
        boolean balanced = b.balanced();
        long extracted = totals.stream().mapToLong(SourceTotals::read).sum();
        long rejected = totals.stream().mapToLong(SourceTotals::rejected).sum();
        long excluded = totals.stream().mapToLong(SourceTotals::excluded).sum();
        RunSummary.Funnel funnel = new RunSummary.Funnel(extracted, rejected, excluded, extracted - rejected - excluded,
                candidatePairs, clients - singletons, reviewQueue, singletons, clients);
        Map<String, Long> rejectedByReason = new TreeMap<>();
        totals.forEach(t -> t.rejectedByReason().forEach((r, n) -> rejectedByReason.merge(r, n, Long::sum)));
        String runDate = String.valueOf(job.getJobParameters().getLocalDate(RunParameters.RUN_DATE));
        String label = job.getJobParameters().getString(RunParameters.RUN_LABEL);
        Long attempts = jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution WHERE job_instance_id = ?",
                Long.class, job.getJobInstance().getInstanceId());
        return new RunSummary(runId, runDate, label, "TRIAL_LOAD",
                job.getStartTime() == null ? "" : job.getStartTime().withNano(0).toString(), reportedAt,
                job.getJobParameters().getString(RunParameters.MAPPINGS_CHECKSUM),
                Mappings.parseFileChecksums(job.getJobParameters().getString(RunParameters.MAPPINGS_FILES)), codeTables,
                christchurch, totals, balanced, funnel, matching, quality, unmapped,
                (int) Math.max(0, (attempts == null ? 1 : attempts) - 1), matcherSettings, rejectedByReason,
                ethnicityRates, previousRun, sampled, null);
    }

    /**
     * The run's clients as its cross-references give them (one row per indexed record): how many hold each number of
     * records, how many join records of several systems or several records of one system, and the totals. One pass
     * over the cross-references, which are a tenth of the size of the golden records.
     */
    record ClusterShape(Map<String, Long> sizes, long crossSystem, long withinSystem, long clients, long records) {
    }

    ClusterShape clusterShape() {
        Map<String, Long> sizes = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        long[] totals = new long[4]; // cross-system, within-system, clients, records
        jdbc.query("SELECT n, multi, within, COUNT(*) FROM (SELECT COUNT(*) AS n, COUNT(DISTINCT source_system) > 1"
                + " AS multi, COUNT(*) > COUNT(DISTINCT source_system) AS within FROM ci_client_xref WHERE run_id = ?"
                + " GROUP BY client_id) t GROUP BY 1, 2, 3", rs -> {
                    long clients = rs.getLong(4);
                    sizes.merge(String.valueOf(rs.getInt(1)), clients, Long::sum);
                    totals[0] += rs.getBoolean(2) ? clients : 0;
                    totals[1] += rs.getBoolean(3) ? clients : 0;
                    totals[2] += clients;
                    totals[3] += clients * rs.getInt(1);
                }, runId);
        return new ClusterShape(sizes, totals[0], totals[1], totals[2], totals[3]);
    }

    /**
     * Identifier quality per source (NHS number and UPN status of every record with content, and the status of every
     * address's postcode), the match rate per DfE ethnicity group (indexed records that share their client with another
     * record) and the legacy codes no code table maps, with their counts, ordered by source, slot and code (in
     * character order, whatever the server's collation).
     */
    record RecordStats(Map<String, Map<String, Long>> quality, List<RunSummary.EthnicityRate> ethnicityRates,
            List<RunSummary.UnmappedCode> unmapped) {
    }

    /** An unmapped code of a source's slot. */
    private record Unmapped(String source, String slot, String code) {
    }

    /** Source, slot and code in character order; a missing value last, as SQL orders it. */
    private static final Comparator<Unmapped> UNMAPPED_ORDER = Comparator
            .comparing(Unmapped::source, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Unmapped::slot, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Unmapped::code, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    /**
     * {@link RecordStats} in one pass over the run's mapped records, each with whether it is indexed and shares its
     * client ({@code shared} is null for a record not in the index, and comes from the count of its client's
     * cross-references, read in client order from their index), grouped with its postcode statuses and unmapped
     * codes, which are then counted element by element here. At a million children this took 8.4 s where the three
     * passes it replaced (one joining a grouping of the cross-references, one unnesting the postcode statuses, one
     * the unmapped codes) took 12.9 s.
     * <p>Whether a record has content is taken in a subquery kept apart from the join ({@code OFFSET 0}): written in
     * the join's select list, {@code m.record IS NOT NULL} made PostgreSQL carry every record's JSON (about 1 kB) into
     * the join's hash, which spilled to disk in four batches; at a million children (local PostgreSQL 15, same rows,
     * back to back under {@code EXPLAIN ANALYZE}) the query took 5.7-6.2 s that way and 3.7-3.9 s this way.
     */
    RecordStats recordStats() {
        Map<String, Map<String, Long>> quality = new TreeMap<>();
        Map<String, long[]> groups = new TreeMap<>();
        Map<Unmapped, Long> unmapped = new TreeMap<>(UNMAPPED_ORDER);
        jdbc.query("""
                WITH x AS (SELECT source_system, source_record_id, COUNT(*) OVER (PARTITION BY client_id) > 1 AS shared
                           FROM ci_client_xref WHERE run_id = ?)
                SELECT m.source_system, m.nhs_status, m.upn_status, m.mapped, m.ethnicity, x.shared,
                       m.postcode_statuses, m.unmapped_slots, m.unmapped_codes, COUNT(*)
                FROM (SELECT source_system, source_record_id, nhs_status, upn_status, record IS NOT NULL AS mapped,
                             ethnicity, postcode_statuses, unmapped_slots, unmapped_codes
                      FROM ci_mapped_record WHERE run_id = ? OFFSET 0) m
                LEFT JOIN x ON x.source_system = m.source_system AND x.source_record_id = m.source_record_id
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9""", rs -> {
                    String source = rs.getString(1);
                    long n = rs.getLong(10);
                    if (rs.getBoolean(4)) {
                        quality.computeIfAbsent(source + " NHS number", k -> new TreeMap<>())
                                .merge(rs.getString(2), n, Long::sum);
                        quality.computeIfAbsent(source + " UPN", k -> new TreeMap<>())
                                .merge(rs.getString(3), n, Long::sum);
                    }
                    boolean shared = rs.getBoolean(6);
                    if (!rs.wasNull()) { // indexed
                        long[] g = groups.computeIfAbsent(EthnicGroups.of(rs.getString(5)), k -> new long[2]);
                        g[0] += n;
                        g[1] += shared ? n : 0;
                    }
                    for (String status : strings(rs.getArray(7))) {
                        quality.computeIfAbsent(source + " Postcode (all addresses)", k -> new TreeMap<>())
                                .merge(status, n, Long::sum);
                    }
                    String[] slots = strings(rs.getArray(8));
                    String[] codes = strings(rs.getArray(9));
                    for (int i = 0; i < Math.max(slots.length, codes.length); i++) {
                        unmapped.merge(new Unmapped(source, i < slots.length ? slots[i] : null,
                                i < codes.length ? codes[i] : null), n, Long::sum);
                    }
                }, runId, runId);
        List<RunSummary.EthnicityRate> rates = new ArrayList<>();
        groups.forEach((group, g) -> rates.add(new RunSummary.EthnicityRate(group, g[0], g[1])));
        List<RunSummary.UnmappedCode> codes = new ArrayList<>();
        unmapped.forEach((u, n) -> codes.add(new RunSummary.UnmappedCode(u.source(), u.slot(), u.code(), n)));
        return new RecordStats(quality, rates, codes);
    }

    /** A text array's elements; none for SQL NULL. */
    private static String[] strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /** The difference from the latest completed run that started before this one. */
    private RunSummary.PreviousRun previousRun(ClusterShape shape) {
        List<String> previous = jdbc.queryForList("SELECT p.run_id FROM ci_run p, ci_run r WHERE r.run_id = ?"
                + " AND p.run_id <> r.run_id AND p.status = 'COMPLETED' AND p.started_at < r.started_at"
                + " ORDER BY p.started_at DESC LIMIT 1", String.class, runId);
        long recordsNow = shape.records();
        long clientsNow = shape.clients();
        if (previous.isEmpty()) {
            return new RunSummary.PreviousRun(null, 0, recordsNow, recordsNow, 0, 0, clientsNow, 0, clientsNow, 0);
        }
        String prev = previous.get(0);
        return jdbc.queryForObject("""
                SELECT (SELECT COUNT(*) FROM ci_client_xref WHERE run_id = ?),
                  (SELECT COUNT(*) FROM ci_client_xref n WHERE n.run_id = ? AND NOT EXISTS (SELECT 1 FROM ci_client_xref o
                     WHERE o.run_id = ? AND o.source_system = n.source_system AND o.source_record_id = n.source_record_id)),
                  (SELECT COUNT(*) FROM ci_client_xref o WHERE o.run_id = ? AND NOT EXISTS (SELECT 1 FROM ci_client_xref n
                     WHERE n.run_id = ? AND n.source_system = o.source_system AND n.source_record_id = o.source_record_id)),
                  (SELECT COUNT(*) FROM ci_client WHERE run_id = ?),
                  (SELECT COUNT(*) FROM ci_client_xref n JOIN ci_client_xref o ON o.run_id = ?
                     AND o.source_system = n.source_system AND o.source_record_id = n.source_record_id
                     WHERE n.run_id = ? AND o.client_id <> n.client_id),
                  (SELECT COUNT(*) FROM ci_client n WHERE n.run_id = ? AND NOT EXISTS (SELECT 1 FROM ci_client o
                     WHERE o.run_id = ? AND o.client_id = n.client_id)),
                  (SELECT COUNT(*) FROM ci_client o WHERE o.run_id = ? AND NOT EXISTS (SELECT 1 FROM ci_client n
                     WHERE n.run_id = ? AND n.client_id = o.client_id))
                """, (rs, i) -> new RunSummary.PreviousRun(prev, rs.getLong(1), recordsNow, rs.getLong(2), rs.getLong(3),
                rs.getLong(4), clientsNow, rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                prev, runId, prev, prev, runId, prev, prev, runId, runId, prev, prev, runId);
    }

    /**
     * Up to three merged clients per score band (the band of their strongest accepted pair), masked. The pair's
     * left key ({@code SOURCE:record id}) is split to join on the cross-reference's primary key: joined on the
     * concatenated key, PostgreSQL could only loop over every cross-reference per pair when the tables had no
     * statistics (over ten minutes at 100,000 children).
     */
    List<RunSummary.SampleCluster> samples() {
        Map<String, List<String>> byBand = new TreeMap<>();
        Map<String, String> bandOfClient = new LinkedHashMap<>();
        jdbc.query("""
                SELECT x.client_id, p.rule, p.score, e.left_key IS NOT NULL FROM ci_match_pair p
                JOIN ci_client_xref x ON x.run_id = p.run_id AND x.source_system = split_part(p.left_key, ':', 1)
                  AND x.source_record_id = substr(p.left_key, strpos(p.left_key, ':') + 1)
                LEFT JOIN ci_match_explanation e ON e.run_id = p.run_id AND e.left_key = p.left_key AND e.right_key = p.right_key
                WHERE p.run_id = ? AND p.decision = 'MATCH' ORDER BY x.client_id, p.left_key, p.right_key
                """, rs -> {
            String band = ScoreBands.band(rs.getString(2), rs.getDouble(3), rs.getBoolean(4));
            String client = rs.getString(1);
            String known = bandOfClient.get(client);
            if (known == null || band.compareTo(known) < 0) {
                bandOfClient.put(client, band);
            }
        }, runId);
        bandOfClient.forEach((client, band) -> {
            List<String> list = byBand.computeIfAbsent(band, k -> new ArrayList<>());
            if (list.size() < SAMPLES_PER_BAND) {
                list.add(client);
            }
        });
        List<RunSummary.SampleCluster> samples = new ArrayList<>();
        byBand.forEach((band, clients) -> clients.forEach(client -> {
            List<RunSummary.SampleMember> members = jdbc.query("""
                    SELECT x.source_system || ':' || x.source_record_id, m.given_name, m.family_name, m.birth_date,
                           m.nhs_number, m.postcode FROM ci_client_xref x JOIN ci_mapped_record m ON m.run_id = x.run_id
                      AND m.source_system = x.source_system AND m.source_record_id = x.source_record_id
                    WHERE x.run_id = ? AND x.client_id = ? ORDER BY 1""", (rs, i) -> new RunSummary.SampleMember(
                    rs.getString(1), Masking.name(rs.getString(2), rs.getString(3)),
                    Masking.birth(rs.getObject(4, java.time.LocalDate.class)), Masking.nhs(rs.getString(5)),
                    Masking.postcode(rs.getString(6))), runId, client);
            samples.add(new RunSummary.SampleCluster(band, client, members));
        }));
        return samples;
    }

    private Map<String, Long> grouped(String sql) {
        Map<String, Long> m = new TreeMap<>();
        jdbc.query(sql, rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        }, runId);
        return m;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class, runId);
        return n == null ? 0 : n;
    }
}
