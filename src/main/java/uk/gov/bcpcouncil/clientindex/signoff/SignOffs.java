package uk.gov.bcpcouncil.clientindex.signoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.reconcile.ReportFiles;

/**
 * The data owners' approvals of a run's report: recorded in {@code ci_signoff} (idempotent per run,
 * source and report hash) and mirrored, all of the run's approvals, in {@code signoff.json} beside the
 * report (rewritten atomically, owner-only). The report itself is never touched. Not thread-safe per run
 * (one command at a time).
 */
public final class SignOffs {

    /** One approval. */
    public record SignOff(String runId, String source, String reportSha256, String signedBy, OffsetDateTime signedAt) {
    }

    private final JdbcTemplate jdbc;

    public SignOffs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String runId, String source, String sha256, String by, Path runDirectory) throws IOException {
        jdbc.update("INSERT INTO ci_signoff (run_id, source_system, report_sha256, signed_by) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (run_id, source_system, report_sha256) DO UPDATE SET signed_by = EXCLUDED.signed_by,"
                + " signed_at = now()", runId, source, sha256, by);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", runId);
        json.put("report", "report.html");
        json.put("signOffs", list(runId).stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", s.source());
            m.put("reportSha256", s.reportSha256());
            m.put("signedBy", s.signedBy());
            m.put("signedAt", s.signedAt().withNano(0).toString());
            return m;
        }).toList());
        Path tmp = runDirectory.resolve("signoff.json.tmp");
        Files.writeString(tmp, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(json), StandardCharsets.UTF_8);
        ReportFiles.ownerOnly(tmp);
        Files.move(tmp, runDirectory.resolve("signoff.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public List<SignOff> list(String runId) {
        return jdbc.query("SELECT run_id, source_system, report_sha256, signed_by, signed_at FROM ci_signoff"
                + " WHERE run_id = ? ORDER BY signed_at, source_system", (rs, i) -> new SignOff(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)), runId);
    }
}
