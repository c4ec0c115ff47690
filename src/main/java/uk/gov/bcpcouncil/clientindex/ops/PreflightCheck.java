package uk.gov.bcpcouncil.clientindex.ops;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Database;
import uk.gov.bcpcouncil.clientindex.mapping.MappingLoader;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;

/**
 * The preflight of {@code run.sh check}, also run first by {@code migrate} and {@code restart}: verifies
 * the settings, the mappings, the target (and reports its pending schema migrations), each legacy
 * database's account (connects, reads every mapped table and column, cannot write), the Christchurch
 * delivery and its trailers, the reports folder's free space and the alerting settings. It changes
 * nothing: it opens its own read-only connections and only reads. One {@link CheckResult} per line.
 * Thread-safe (no mutable state).
 */
@Component
public class PreflightCheck {

    private final ClientIndexProperties properties;
    private final ObjectProvider<Flyway> flyway;

    public PreflightCheck(ClientIndexProperties properties, ObjectProvider<Flyway> flyway) {
        this.properties = properties;
        this.flyway = flyway;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>(settings());
        Mappings mappings = null;
        try {
            mappings = MappingLoader.load(properties.mappings().directory());
            results.add(CheckResult.pass("mappings", mappings.definitions().size() + " mapping files and "
                    + mappings.codeTables().size() + " code tables valid in " + properties.mappings().directory()
                    + " (checksum " + mappings.checksum().substring(0, 12) + ")"));
        } catch (RuntimeException e) {
            results.add(CheckResult.fail("mappings", e.getMessage()));
        }
        Database target = properties.target();
        if (target.configured()) {
            results.addAll(new TargetSchemaCheck(target, flyway.getIfAvailable()).run());
        }
        var sources = properties.sources();
        if (sources.bournemouth().configured()) {
            results.addAll(new LegacyAccessCheck("bournemouth", sources.bournemouth(),
                    LegacyAccessCheck.tablesOf(SourceSystem.BOURNEMOUTH)).run(mappings));
        }
        if (sources.poole().configured()) {
            results.addAll(new LegacyAccessCheck("poole", sources.poole(),
                    LegacyAccessCheck.tablesOf(SourceSystem.POOLE)).run(mappings));
        }
        if (sources.christchurch().directory() != null) {
            results.addAll(new DeliveryCheck(sources.christchurch().directory()).run(mappings));
        }
        results.add(reportsFolder(properties.reports().directory()));
        results.add(alerting(properties.alert()));
        return results;
    }

    /**
     * The preflight as {@code migrate} and {@code restart} apply it: a missing or damaged Christchurch
     * delivery does not stop the launch but is a WARN, because the run's first step refuses the delivery and
     * fails restartably (exit 1): once Dorset resends it, {@code restart} resumes the night's run.
     */
    public static List<CheckResult> forRun(List<CheckResult> results) {
        return results.stream()
                .map(r -> r.status() == CheckResult.Status.FAIL && r.check().equals(DeliveryCheck.DELIVERY)
                        ? CheckResult.warn(r.check(), r.message() + " [the run's first step will refuse it: exit 1,"
                                + " restartable]")
                        : r)
                .toList();
    }

    private List<CheckResult> settings() {
        List<CheckResult> results = new ArrayList<>();
        var s = properties.sources();
        require(results, properties.target().configured(), "clientindex.target.url");
        require(results, s.bournemouth().configured(), "clientindex.sources.bournemouth.url");
        require(results, s.poole().configured(), "clientindex.sources.poole.url");
        require(results, s.christchurch().directory() != null, "clientindex.sources.christchurch.directory");
        if (properties.chunkSize() < 1) {
            results.add(CheckResult.fail("settings", "clientindex.chunk-size must be at least 1, got "
                    + properties.chunkSize()));
        }
        if (properties.progress().interval().isNegative() || properties.progress().interval().isZero()) {
            results.add(CheckResult.fail("settings", "clientindex.progress.interval must be positive"));
        }
        if (results.isEmpty()) {
            results.add(CheckResult.pass("settings", "every required setting is present (chunk size "
                    + properties.chunkSize() + ", progress every "
                    + ProgressListener.duration(properties.progress().interval()) + ")"));
        }
        return results;
    }

    private static void require(List<CheckResult> results, boolean present, String property) {
        if (!present) {
            results.add(CheckResult.fail("settings", property + " is not set (environment variable "
                    + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")"));
        }
    }

    /** Writable, with room for the run's reports: FAIL under 100 MB free, WARN under 1 GB. */
    static CheckResult reportsFolder(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return CheckResult.fail("reports", dir + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            return CheckResult.fail("reports", existing + " is not writable by this account");
        }
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return CheckResult.warn("reports", "cannot tell the free space of " + existing + ": " + e.getMessage());
        }
        String where = dir + (existing.equals(dir) ? "" : " (to be created)");
        String space = String.format(Locale.UK, "%.1f GB free", free / 1e9);
        if (free < 100_000_000L) {
            return CheckResult.fail("reports", where + ": only " + space + "; a run needs about 1 GB per million"
                    + " records");
        }
        if (free < 1_000_000_000L) {
            return CheckResult.warn("reports", where + ": " + space + "; a run needs about 1 GB per million records");
        }
        return CheckResult.pass("reports", where + " writable, " + space);
    }

    static CheckResult alerting(ClientIndexProperties.Alert alert) {
        if (alert.command() == null && alert.webhookUrl() == null) {
            return CheckResult.pass("alerting", "off (clientindex.alert.command and .webhook-url are not set)");
        }
        List<String> on = new ArrayList<>();
        if (alert.command() != null) {
            String program = alert.command().split("\\s+")[0];
            Path resolved = RunEndHook.resolveProgram(program);
            if (resolved == null) {
                return CheckResult.fail("alerting", "clientindex.alert.command: " + program
                        + " is not an executable file (nor on PATH)");
            }
            on.add("command " + resolved);
        }
        if (alert.webhookUrl() != null) {
            try {
                URI uri = URI.create(alert.webhookUrl());
                if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                    return CheckResult.fail("alerting", "clientindex.alert.webhook-url must be an http(s) URL");
                }
                on.add("webhook " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
            } catch (IllegalArgumentException e) {
                return CheckResult.fail("alerting", "clientindex.alert.webhook-url is not a URL: " + e.getMessage());
            }
        }
        return CheckResult.pass("alerting", "on run end: " + String.join(" and ", on) + " (timeout "
                + alert.timeout().toSeconds() + " s)");
    }

    /** Whether the account may create tables in the target's current schema (needed for migrations). */
    static boolean canCreate(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT has_schema_privilege(current_schema(), 'CREATE')")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
