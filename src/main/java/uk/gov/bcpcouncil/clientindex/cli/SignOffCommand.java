package uk.gov.bcpcouncil.clientindex.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.signoff.ReportHash;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffGate;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffs;

/**
 * {@code signoff --run <id> --source <SOURCE> --by <name> [--sha256 <hash>]}: shows the SHA-256 of the run's
 * report.html and records the data owner's approval of exactly that hash (confirmed interactively by typing
 * its first 8 characters, or given with {@code --sha256}; a different hash is refused, exit 4).
 * Promotion is {@link PromoteCommand}, whose checks include {@link SignOffGate}. One command at a time.
 */
@Component
public class SignOffCommand {

    private final DataSource target;
    private final ClientIndexProperties properties;

    public SignOffCommand(DataSource target, ClientIndexProperties properties) {
        this.target = target;
        this.properties = properties;
    }

    public int signoff(String runId, String source, String by, String sha256) throws Exception {
        if (runId == null || source == null || by == null || by.isBlank()) {
            System.err.println("usage: signoff --run <run-id> --source BOURNEMOUTH|POOLE|CHRISTCHURCH --by \"<name>\""
                    + " [--sha256 <hash>] (exit 2)");
            return ExitCodes.CONFIGURATION;
        }
        String system = source.toUpperCase(Locale.ROOT);
        if (List.of(SourceSystem.values()).stream().noneMatch(s -> s.name().equals(system))) {
            System.err.println("Unknown source '" + source + "': BOURNEMOUTH, POOLE or CHRISTCHURCH (exit 2)");
            return ExitCodes.CONFIGURATION;
        }
        Path dir = properties.reports().directory().resolve(runId);
        Path report = dir.resolve("report.html");
        JdbcTemplate jdbc = new JdbcTemplate(target);
        if (!Files.isRegularFile(report) || jdbc.queryForList("SELECT 1 FROM ci_run WHERE run_id = ?", runId).isEmpty()) {
            System.err.println("Refused: no report of run " + runId + " at " + report.toAbsolutePath() + " (exit 4)");
            return ExitCodes.REFUSED;
        }
        String actual = ReportHash.of(report);
        System.out.println("Report:  " + report.toAbsolutePath());
        System.out.println("SHA-256: " + actual);
        if (sha256 != null) {
            if (!actual.equalsIgnoreCase(sha256.strip())) {
                System.err.println("Refused: the SHA-256 given (" + sha256.strip() + ") is not that of the report as it"
                        + " is now; sign only the report you read (exit 4)");
                return ExitCodes.REFUSED;
            }
        } else {
            System.out.print("To sign this report for " + system + " as " + by + ", type the first 8 characters of"
                    + " its SHA-256 (anything else cancels): ");
            System.out.flush();
            String typed = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (typed == null || !actual.startsWith(typed.strip().toLowerCase(Locale.ROOT)) || typed.strip().length() < 8) {
                System.err.println("Refused: not confirmed; nothing was signed (exit 4)");
                return ExitCodes.REFUSED;
            }
        }
        new SignOffs(jdbc).record(runId, system, actual, by.strip(), dir);
        System.out.println("Signed: run " + runId + ", " + system + ", by " + by.strip() + "; recorded in the target"
                + " database and in " + dir.resolve("signoff.json").toAbsolutePath());
        List<String> remaining = new SignOffGate(jdbc, properties.reports().directory()).refusals(runId);
        System.out.println(remaining.isEmpty() ? "Every source has signed: the run can be promoted."
                : "Before promotion: " + String.join("; ", remaining));
        return ExitCodes.OK;
    }
}
