package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code summary.json} and {@code report.html} say about a run. Contains counts, codes and
 * identifiers of records only, never names, dates of birth or identifiers of children.
 */
public record RunSummary(String runId, String runDate, String label, String mode, String startedAt,
        String reportedAt, String mappingChecksum, Map<String, String> mappingFiles, Map<String, String> codeTableVersions,
        Map<String, String> christchurchDelivery, List<SourceTotals> sources, boolean balanced, Funnel funnel,
        Matching matching, Map<String, Map<String, Long>> identifierQuality, List<UnmappedCode> unmappedCodes) {

    public record Funnel(long extracted, long rejected, long excluded, long mapped, long candidatePairs,
            long autoMergedClusters, long inReview, long singletons, long clients) {
    }

    public record Matching(long candidateRecords, long candidatePairs, Map<String, Long> candidatePairsByBlock,
            Map<String, Long> decisionsByRule, long chainBlocked, Map<String, Long> clusterSizes,
            long crossSystemClusters, long withinSystemClusters, long mergedInSource) {
    }

    public record UnmappedCode(String source, String slot, String code, long count) {
    }
}
