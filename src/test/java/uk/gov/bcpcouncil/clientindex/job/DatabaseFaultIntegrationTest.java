package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.generate.GeneratorSettings;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataGenerator;
import uk.gov.bcpcouncil.clientindex.infra.EmbeddedServers;
import uk.gov.bcpcouncil.clientindex.reconcile.RunComparison;
import uk.gov.bcpcouncil.clientindex.support.CommandLine;
import uk.gov.bcpcouncil.clientindex.support.PersonalDataScan;

/**
 * Database faults mid-step, on embedded PostgreSQL and MariaDB servers of this test's own (never the machine's
 * servers): the target stopped mid-extract, the target's and Poole's connections terminated mid-step, the
 * Bournemouth database stopped mid-extract. A fault that lasts ends the run FAILED (exit 1) within a bounded
 * time, with a clear message; a passing one is retried from the last checkpoint and the run completes; once
 * the database is back, {@code restart} completes the run. Every completed run equals an uninterrupted run of
 * the same data, and no log of these runs holds a child's name, date of birth or NHS number.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultIntegrationTest {

    static final int CHILDREN = 800;
    static final String RUN_DATE = "2026-11-26";
    /** The most a run may take to give up once a database has gone away (retries and timeouts included). */
    static final long BOUND_SECONDS = 120;

    static EmbeddedServers servers;
    static RunComparison reference;
    static final StringBuilder logs = new StringBuilder();
    static final List<String> scenarios = new ArrayList<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void ownServersWithGeneratedDataAndAnUninterruptedRun() throws Exception {
        servers = EmbeddedServers.start(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fault-db-"));
        new LegacyDataGenerator().generate(GeneratorSettings.defaults(CHILDREN, 41),
                new DriverManagerDataSource(servers.mariadbUrl(EmbeddedServers.BOURNEMOUTH_DB), "root", ""),
                new DriverManagerDataSource(servers.postgresUrl(EmbeddedServers.POOLE_DB), "postgres", ""),
                Files.createDirectories(work.resolve("christchurch")), work.resolve("truth.csv"));
        servers.createPostgresDatabase("reference");
        CommandLine.Result result = CommandLine.run(settings("reference"), "migrate", "--run-date", RUN_DATE);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.OK);
        reference = comparison("reference");
    }

    @AfterAll
    static void stopServers() {
        scenarios.forEach(s -> System.out.println("Fault scenario: " + s));
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void theTargetStoppedMidExtractFailsTheRunAndARestartFinishesIt() throws Exception {
        servers.createPostgresDatabase("down");
        CompletableFuture<CommandLine.Result> run = launch("down", "migrate", "--run-date", RUN_DATE);
        String step = awaitStepWithWrites("down", "extract%");

        long stopped = System.nanoTime();
        servers.stopPostgres();
        CommandLine.Result failed = run.get(BOUND_SECONDS, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - stopped) / 1e9;
        servers.startPostgresAgain();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.output()).contains("Transient database error", "./run.sh restart")
                .containsPattern("FAILED.*(target database became unreachable|a database was unreachable)");
        CommandLine.Result restarted = CommandLine.run(settings("down"), "restart");
        assertThat(restarted.exitCode()).as(restarted.output()).isEqualTo(ExitCodes.OK);
        assertThat(comparison("down").differencesFrom(reference)).isEmpty();
        scenarios.add(String.format("target PostgreSQL stopped in %s: exit %d after %.1f s; restart exit %d;"
                + " identical to the uninterrupted run", step, failed.exitCode(), seconds, restarted.exitCode()));
        logs.append(failed.output()).append(restarted.output()).append(runLog("down"));
    }

    @Test
    @Order(2)
    void droppedTargetAndPooleConnectionsAreRetriedAndTheRunCompletes() throws Exception {
        servers.createPostgresDatabase("dropped");
        CompletableFuture<CommandLine.Result> run = launch("dropped", "migrate", "--run-date", RUN_DATE);
        String step = awaitStepWithWrites("dropped", "extractPoole%");

        int terminated = terminateBackends("dropped", EmbeddedServers.POOLE_DB);
        CommandLine.Result result = run.get(BOUND_SECONDS * 3, TimeUnit.SECONDS);

        assertThat(terminated).isPositive();
        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.OK);
        assertThat(result.output()).contains("Transient database error", "resuming from the last checkpoint");
        assertThat(comparison("dropped").differencesFrom(reference)).isEmpty();
        scenarios.add(String.format("%d target and Poole connections terminated in %s: retried, exit %d;"
                + " identical to the uninterrupted run", terminated, step, result.exitCode()));
        logs.append(result.output()).append(runLog("dropped"));
    }

    @Test
    @Order(3)
    void theBournemouthDatabaseStoppedMidExtractFailsTheRunAndARestartFinishesIt() throws Exception {
        servers.createPostgresDatabase("legacy");
        CompletableFuture<CommandLine.Result> run = launch("legacy", "migrate", "--run-date", RUN_DATE);
        String step = awaitStepWithWrites("legacy", "extractBournemouth%");

        long stopped = System.nanoTime();
        servers.stopMariadb();
        CommandLine.Result failed;
        try {
            failed = run.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } finally {
            servers.startMariadbAgain();
        }
        double seconds = (System.nanoTime() - stopped) / 1e9;

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.output()).contains("Transient database error", "./run.sh restart")
                .containsPattern("FAILED in step extractBournemouth\\w+ after 2 retries: a database was unreachable");
        CommandLine.Result restarted = CommandLine.run(settings("legacy"), "restart");
        assertThat(restarted.exitCode()).as(restarted.output()).isEqualTo(ExitCodes.OK);
        assertThat(comparison("legacy").differencesFrom(reference)).isEmpty();
        scenarios.add(String.format("Bournemouth MariaDB stopped in %s: exit %d after %.1f s; restart exit %d;"
                + " identical to the uninterrupted run", step, failed.exitCode(), seconds, restarted.exitCode()));
        logs.append(failed.output()).append(restarted.output()).append(runLog("legacy"));
    }

    @Test
    @Order(4)
    void theLogsOfTheFailedAndRestartedRunsHoldNoPersonalData() throws Exception {
        PersonalDataScan scan = PersonalDataScan.of(
                new DriverManagerDataSource(servers.mariadbUrl(EmbeddedServers.BOURNEMOUTH_DB), "root", ""),
                new DriverManagerDataSource(servers.postgresUrl(EmbeddedServers.POOLE_DB), "postgres", ""),
                work.resolve("christchurch"));
        assertThat(scan.names()).isGreaterThan(100);
        assertThat(logs).contains("Transient database error").hasSizeGreaterThan(5000);

        List<String> found = scan.foundIn(logs.toString());

        scenarios.add("log scan of the failed and restarted runs: " + logs.length() + " characters, "
                + scan.names() + " names and " + scan.datesAndNumbers() + " dates/NHS numbers looked for, "
                + found.size() + " found");
        assertThat(found).as("personal data in the logs of failed and restarted runs").isEmpty();
    }

    private static Map<String, Object> settings(String target) {
        Map<String, Object> p = new LinkedHashMap<>(servers.properties());
        p.put("clientindex.target.url", servers.postgresUrl(target));
        p.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        p.put("clientindex.reports.directory", work.resolve("reports-" + target).toString());
        p.put("clientindex.chunk-size", "20");
        p.put("clientindex.retry.limit", "2");
        p.put("clientindex.retry.backoff", "1s");
        p.put("clientindex.connections.connect-timeout", "2s");
        p.put("clientindex.connections.socket-timeout", "60s");
        return p;
    }

    private static RunComparison comparison(String target) {
        return new RunComparison(new DriverManagerDataSource(servers.postgresUrl(target), "postgres", ""),
                work.resolve("reports-" + target), RUN_DATE + "-nightly");
    }

    private static String runLog(String target) throws java.io.IOException {
        return Files.readString(work.resolve("reports-" + target).resolve(RUN_DATE + "-nightly").resolve("run.log"));
    }

    private static CompletableFuture<CommandLine.Result> launch(String target, String... args) {
        return CompletableFuture.supplyAsync(() -> CommandLine.run(settings(target), args));
    }

    /** Waits until a step named like {@code pattern}, or a partition of it, is running and has committed a chunk; its name. */
    private static String awaitStepWithWrites(String target, String pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(servers.postgresUrl(target), "postgres", "");
                    PreparedStatement ps = c.prepareStatement("SELECT step_name FROM batch_step_execution"
                            + " WHERE status = 'STARTED' AND write_count > 0 AND (step_name LIKE ? OR step_name LIKE ?)")) {
                ps.setString(1, pattern);
                ps.setString(2, "%:" + pattern); // a partition of the step: worker step name ':' partition name
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            } catch (SQLException e) {
                // the schema is not there yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no step like " + pattern + " started in time");
    }

    private static int terminateBackends(String... databases) throws SQLException {
        try (Connection c = DriverManager.getConnection(servers.postgresUrl("postgres"), "postgres", "");
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = ANY (?) AND pid <> pg_backend_pid()")) {
            ps.setArray(1, c.createArrayOf("text", databases));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
