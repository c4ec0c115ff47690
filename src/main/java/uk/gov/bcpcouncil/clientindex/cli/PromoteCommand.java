package uk.gov.bcpcouncil.clientindex.cli;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.load.PromotionChecks;
import uk.gov.bcpcouncil.clientindex.signoff.ReportHash;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffGate;

/**
 * {@code promote --run RUN-ID [--by NAME]}: makes a run's index the live client index ({@code ci_live}, with
 * who and when; the promotion with the signed report's SHA-256 in {@code ci_promotion}), and records the IDs the run retired
 * ({@code ci_client_id_retired}, with their successor). Refused (exit 4) with the reasons of
 * {@link PromotionChecks}. One transaction; not thread-safe.
 */
@Component
public class PromoteCommand {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<Flyway> flyway;

    private final ClientIndexProperties properties;

    public PromoteCommand(JdbcTemplate jdbc, @Lazy PlatformTransactionManager txManager, ObjectProvider<Flyway> flyway,
            ClientIndexProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.tx = new TransactionTemplate(txManager);
        this.flyway = flyway;
    }

    public int promote(String runId, String by) {
        if (runId == null || runId.isBlank()) {
            System.err.println("promote needs --run RUN-ID (exit 2)");
            return ExitCodes.CONFIGURATION;
        }
        Flyway f = flyway.getIfAvailable();
        if (f != null) {
            f.migrate();
        }
        String who = by != null && !by.isBlank() ? by : System.getProperty("user.name", "unknown");
        List<String> refusals = tx.execute(status -> {
            jdbc.execute("LOCK TABLE ci_live IN EXCLUSIVE MODE");
            List<String> reasons;
            try {
                reasons = new PromotionChecks(jdbc, new SignOffGate(jdbc, properties.reports().directory()))
                        .refusals(runId);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!reasons.isEmpty()) {
                return reasons;
            }
            jdbc.update("DELETE FROM ci_live");
            jdbc.update("INSERT INTO ci_live (run_id, promoted_by) VALUES (?, ?)", runId, who);
            String sha;
            try {
                sha = ReportHash.of(properties.reports().directory().resolve(runId).resolve("report.html"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            jdbc.update("DELETE FROM ci_promotion WHERE run_id = ?", runId); // promoted again after another run
            jdbc.update("INSERT INTO ci_promotion (run_id, report_sha256, promoted_by) VALUES (?, ?, ?)", runId, sha,
                    who);
            jdbc.update("INSERT INTO ci_client_id_retired (client_id, successor_id, retired_run)"
                    + " SELECT client_id, NULLIF(related_id, ''), run_id FROM ci_client_id_event WHERE run_id = ?"
                    + " AND event IN ('MERGED', 'RETIRED') ON CONFLICT (client_id) DO NOTHING", runId);
            return List.of();
        });
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> System.err.println("Refused: " + r));
            System.err.println("Run " + runId + " was not promoted (exit 4)");
            return ExitCodes.REFUSED;
        }
        System.out.println("Run " + runId + " is now the live client index (promoted by " + who + ")");
        return ExitCodes.OK;
    }
}
