package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code summary.json} and {@code report.html} say about a run. Contains counts, codes and
 * identifiers of records, and in {@link #samples()} only masked values (initials, year of birth, the last
 * digits of an NHS number), never a child's full name, date of birth or identifier.
 */
public record RunSummary(String runId, String runDate, String label, String mode, String startedAt,
        String reportedAt, String mappingChecksum, Map<String, String> mappingFiles, Map<String, String> codeTableVersions,
        Map<String, String> christchurchDelivery, List<SourceTotals> sources, boolean balanced, Funnel funnel,
        Matching matching, Map<String, Map<String, Long>> identifierQuality, List<UnmappedCode> unmappedCodes,
        int restarts, Map<String, String> matcherSettings, Map<String, Long> rejectedByReason,
        List<EthnicityRate> matchRatesByEthnicity, PreviousRun previousRun, List<SampleCluster> samples,
        SignOffSheet signOff) {

    /** The same summary with its sign-off sheet (evaluated from the rest of it). */
    public RunSummary withSignOff(SignOffSheet sheet) {
        return new RunSummary(runId, runDate, label, mode, startedAt, reportedAt, mappingChecksum, mappingFiles,
                codeTableVersions, christchurchDelivery, sources, balanced, funnel, matching, identifierQuality,
                unmappedCodes, restarts, matcherSettings, rejectedByReason, matchRatesByEthnicity, previousRun, samples,
                sheet);
    }

    public record Funnel(long extracted, long rejected, long excluded, long mapped, long candidatePairs,
            long autoMergedClusters, long inReview, long singletons, long clients) {
    }

    /**
     * @param mergesByRuleAndBand accepted pairs by the rule that accepted them, then by score band
     * @param blockedByGuard      pairs a no-merge guard (or a reviewer's "different") refused, by guard
     */
    public record Matching(long candidateRecords, long candidatePairs, Map<String, Long> candidatePairsByBlock,
            Map<String, Long> decisionsByRule, long chainBlocked, Map<String, Long> clusterSizes,
            long crossSystemClusters, long withinSystemClusters, long mergedInSource,
            Map<String, Map<String, Long>> mergesByRuleAndBand, Map<String, Long> blockedByGuard) {
    }

    public record UnmappedCode(String source, String slot, String code, long count) {
    }

    /** Indexed records of one ethnicity group, and how many of them are in a client with other records. */
    public record EthnicityRate(String group, long records, long matched) {
        public double rate() {
            return records == 0 ? 0 : (double) matched / records;
        }
    }

    /**
     * The difference from the latest earlier completed run (null fields when there is none).
     *
     * @param recordsChangedClient records indexed in both runs under different client IDs
     */
    public record PreviousRun(String previousRunId, long recordsBefore, long recordsNow, long recordsAdded,
            long recordsRemoved, long clientsBefore, long clientsNow, long recordsChangedClient, long newClientIds,
            long retiredClientIds) {
    }

    /** One merged client shown for manual checking, with masked member values. */
    public record SampleCluster(String band, String clientId, List<SampleMember> members) {
    }

    public record SampleMember(String key, String name, String birth, String nhsNumber, String postcode) {
    }

    /** The sign-off sheet: criteria agreed in advance (configuration) with their result, and known issues. */
    public record SignOffSheet(List<Criterion> criteria, List<String> knownIssues, boolean allPassed) {
    }

    public record Criterion(String name, String description, String limit, String value, boolean passed) {
    }
}
