package uk.gov.bcpcouncil.clientindex.signoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * The promotion gate: a run may become the live client index only when it completed, its control totals
 * balance, and the data owner of every source has signed the SHA-256 of its report.html as it is now.
 * {@link #refusals} lists every reason to refuse (empty: the gate is open); {@link #missingSignOffs}
 * only the sign-offs still missing. Reads {@code ci_run},
 * {@code ci_control_total}, {@code ci_signoff} and the report file; writes nothing. Thread-safe.
 */
public final class SignOffGate {

    private final JdbcTemplate jdbc;
    private final Path reportsDirectory;

    public SignOffGate(JdbcTemplate jdbc, Path reportsDirectory) {
        this.jdbc = jdbc;
        this.reportsDirectory = reportsDirectory;
    }

    public List<String> refusals(String runId) throws IOException {
        List<String> reasons = new ArrayList<>();
        List<String> status = jdbc.queryForList("SELECT status FROM ci_run WHERE run_id = ?", String.class, runId);
        if (status.isEmpty()) {
            return List.of("there is no run " + runId + " in this target database");
        }
        if (!"COMPLETED".equals(status.get(0))) {
            reasons.add("run " + runId + " has not completed (status " + status.get(0) + ")");
        }
        Long unbalanced = jdbc.queryForObject("SELECT COUNT(*) FROM ci_control_total WHERE run_id = ? AND NOT balanced",
                Long.class, runId);
        if (unbalanced != null && unbalanced > 0) {
            reasons.add("the control totals of " + unbalanced + " source(s) do not balance");
        }
        reasons.addAll(missingSignOffs(runId));
        return reasons;
    }

    /**
     * Only the sign-off part of the gate (for a promotion check that verifies the run's state itself): the
     * report exists and every source signed its present SHA-256.
     */
    public List<String> missingSignOffs(String runId) throws IOException {
        List<String> reasons = new ArrayList<>();
        Path report = reportsDirectory.resolve(runId).resolve("report.html");
        if (!Files.isRegularFile(report)) {
            reasons.add("report " + report + " is missing");
            return reasons;
        }
        String sha = ReportHash.of(report);
        Set<String> signed = jdbc.queryForList("SELECT source_system FROM ci_signoff WHERE run_id = ? AND report_sha256 = ?",
                String.class, runId, sha).stream().collect(Collectors.toSet());
        for (SourceSystem source : SourceSystem.values()) {
            if (!signed.contains(source.name())) {
                reasons.add(source.name() + " has not signed report " + sha.substring(0, 12) + "...");
            }
        }
        return reasons;
    }
}
