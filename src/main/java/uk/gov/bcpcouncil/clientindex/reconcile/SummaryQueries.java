package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.job.RunParameters;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;

/** The SQL behind {@link RunSummary}: counts and codes of one run, nothing personal. */
final class SummaryQueries {

    private final JdbcTemplate jdbc;
    private final String runId;

    SummaryQueries(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    RunSummary summary(JobExecution job, List<SourceTotals> totals, boolean balanced,
            Map<String, String> codeTables, Map<String, String> christchurch, String reportedAt) {
        ExecutionContext ctx = job.getExecutionContext();
        Map<String, Long> sizes = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        jdbc.query("SELECT member_count, COUNT(*) FROM ci_client WHERE run_id = ? GROUP BY member_count", rs -> {
            sizes.put(String.valueOf(rs.getInt(1)), rs.getLong(2));
        }, runId);
        long clients = sizes.values().stream().mapToLong(Long::longValue).sum();
        long singletons = sizes.getOrDefault("1", 0L);
        long extracted = totals.stream().mapToLong(SourceTotals::read).sum();
        long rejected = totals.stream().mapToLong(SourceTotals::rejected).sum();
        long excluded = totals.stream().mapToLong(SourceTotals::excluded).sum();
        long candidatePairs = ctx.getLong("match.candidatePairs", 0L);
        RunSummary.Funnel funnel = new RunSummary.Funnel(extracted, rejected, excluded, extracted - rejected - excluded,
                candidatePairs, clients - singletons, count("SELECT COUNT(*) FROM ci_review_queue WHERE run_id = ?"),
                singletons, clients);

        Map<String, Long> byRule = grouped("SELECT rule, COUNT(*) FROM ci_match_pair WHERE run_id = ? GROUP BY rule");
        long cross = count("SELECT COUNT(*) FROM (SELECT client_id FROM ci_client_xref WHERE run_id = ?"
                + " GROUP BY client_id HAVING COUNT(DISTINCT source_system) > 1) t");
        long within = count("SELECT COUNT(*) FROM (SELECT client_id FROM ci_client_xref WHERE run_id = ?"
                + " GROUP BY client_id HAVING COUNT(*) > COUNT(DISTINCT source_system)) t");
        @SuppressWarnings("unchecked")
        Map<String, Long> byBlock = (Map<String, Long>) ctx.get("match.pairsByBlock");
        RunSummary.Matching matching = new RunSummary.Matching(ctx.getLong("match.candidateRecords", 0L),
                candidatePairs, byBlock == null ? Map.of() : byBlock, byRule, ctx.getLong("match.chainBlocked", 0L),
                sizes, cross, within, ctx.getLong("match.mergedInSource", 0L));

        Map<String, Map<String, Long>> quality = new LinkedHashMap<>();
        jdbc.query("SELECT source_system, 'NHS number', nhs_status, COUNT(*) FROM ci_mapped_record WHERE run_id = ?"
                + " AND record IS NOT NULL GROUP BY 1, 2, 3 UNION ALL"
                + " SELECT source_system, 'UPN', upn_status, COUNT(*) FROM ci_mapped_record WHERE run_id = ?"
                + " AND record IS NOT NULL GROUP BY 1, 2, 3 UNION ALL"
                + " SELECT m.source_system, 'Postcode (all addresses)', a->'postcode'->>'status', COUNT(*)"
                + " FROM ci_mapped_record m CROSS JOIN LATERAL jsonb_array_elements(m.record->'addresses') a"
                + " WHERE m.run_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", rs -> {
                    quality.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new TreeMap<>())
                            .put(rs.getString(3), rs.getLong(4));
                }, runId, runId, runId);
        List<RunSummary.UnmappedCode> unmapped = new ArrayList<>();
        jdbc.query("SELECT m.source_system, u->>'slot', u->>'code', COUNT(*) FROM ci_mapped_record m"
                + " CROSS JOIN LATERAL jsonb_array_elements(m.record->'unmapped') u WHERE m.run_id = ?"
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", rs -> {
                    unmapped.add(new RunSummary.UnmappedCode(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }, runId);
        String runDate = String.valueOf(job.getJobParameters().getLocalDate(RunParameters.RUN_DATE));
        String label = job.getJobParameters().getString(RunParameters.RUN_LABEL);
        return new RunSummary(runId, runDate, label, "TRIAL_LOAD",
                job.getStartTime() == null ? "" : job.getStartTime().withNano(0).toString(), reportedAt,
                job.getJobParameters().getString(RunParameters.MAPPINGS_CHECKSUM),
                Mappings.parseFileChecksums(job.getJobParameters().getString(RunParameters.MAPPINGS_FILES)), codeTables, christchurch, totals, balanced,
                funnel, matching, quality, unmapped);
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
