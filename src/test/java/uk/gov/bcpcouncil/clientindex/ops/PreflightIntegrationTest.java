package uk.gov.bcpcouncil.clientindex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.support.CommandLine;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestFiles;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * {@code run.sh check} against real databases: a good configuration passes and changes nothing; each
 * misconfiguration the preflight claims to catch is a FAIL line naming it, and exit 2; {@code migrate}
 * stops on a FAIL but not on a WARN.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreflightIntegrationTest {

    /** The target schema's migrations: the Spring Batch tables (V1) and the SQL files after it. */
    static final int MIGRATIONS = 1 + sqlMigrations();

    /** The highest migration version (versions are reserved per feature, so they may have gaps). */
    static final int LATEST_VERSION = latestSqlVersion();

    static int latestSqlVersion() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int sqlMigrations() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestEnvironment env;
    static Map<String, Object> good;

    @TempDir
    static Path work;

    @BeforeAll
    static void legacySystems() {
        env = TestDatabases.newEnvironment();
        GeneratedLegacyData.generate(env, work.resolve("christchurch"), work.resolve("truth.csv"), 150, 11);
        good = new LinkedHashMap<>(env.properties());
        good.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        good.put("clientindex.reports.directory", work.resolve("reports").toString());
        good.putAll(env.readOnlyLegacyAccounts());
    }

    @AfterAll
    static void drop() {
        env.close();
    }

    private static CommandLine.Result check(Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(good);
        props.putAll(overrides);
        return CommandLine.run(props, "check");
    }

    @Test
    @Order(1)
    void aGoodConfigurationPassesAndTheCheckChangesNothing() {
        CommandLine.Result result = check(Map.of());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.output()).doesNotContain("FAIL  ")
                .contains("PASS  bournemouth.client ", "PASS  poole.episode ", "PASS  christchurch delivery ",
                        "PASS  bournemouth write access", "PASS  poole write access", "PASS  mappings ")
                .containsPattern("WARN  target schema +" + MIGRATIONS + " migration\\(s\\) pending")
                .contains("Preflight: ").contains("0 FAIL (exit 0)");
        // nothing was created: no schema history, no Spring Batch tables, no report folder
        assertThat(new JdbcTemplate(env.targetAdmin()).queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", Long.class)).isZero();
        assertThat(work.resolve("reports")).doesNotExist();
    }

    @Test
    @Order(2)
    void adminLegacyAccountsAreAWarningNotAFailure() {
        Map<String, Object> admin = new LinkedHashMap<>();
        env.properties().forEach((k, v) -> {
            if (k.startsWith("clientindex.sources.")) {
                admin.put(k, v);
            }
        });

        CommandLine.Result result = check(admin);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.output()).containsPattern("WARN  bournemouth write access +\\S+ can also write \\(.*INSERT")
                .containsPattern("WARN  poole write access +\\S+ can also write");
    }

    @Test
    @Order(3)
    void aWrongPasswordFails() {
        CommandLine.Result result = check(Map.of("clientindex.sources.bournemouth.password", "not-the-password"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.output()).containsPattern("FAIL  bournemouth +cannot connect to //.* as ci_reader_\\w+: "
                + "Access denied").doesNotContain("not-the-password").contains("(exit 2)");
    }

    @Test
    @Order(4)
    void anUnreachableHostFailsQuicklyForTheTargetAndForALegacySystem() {
        long started = System.nanoTime();
        CommandLine.Result result = check(Map.of(
                "clientindex.sources.poole.url", "jdbc:postgresql://127.0.0.1:1/poole",
                "clientindex.target.url", "jdbc:postgresql://127.0.0.1:1/target"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.output())
                .containsPattern("FAIL  target +cannot connect to //127.0.0.1:1/target as \\w+: .*refused")
                .containsPattern("FAIL  poole +cannot connect to //127.0.0.1:1/poole as \\w+: .*refused")
                .contains("PASS  bournemouth.client ");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
    }

    @Test
    @Order(5)
    void aMissingTableGrantFails() {
        String reader = (String) good.get("clientindex.sources.poole.username");
        JdbcTemplate poole = new JdbcTemplate(env.pooleAdmin());
        poole.execute("REVOKE SELECT ON poole.episode FROM " + reader);
        try {
            CommandLine.Result result = check(Map.of());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(result.output())
                    .containsPattern("FAIL  poole.episode +cannot read table poole.episode as " + reader
                            + ": .*permission denied")
                    .contains("PASS  poole.person ");
        } finally {
            poole.execute("GRANT SELECT ON poole.episode TO " + reader);
        }
    }

    @Test
    @Order(6)
    void aMissingOrDamagedDeliveryFails() throws IOException {
        Path empty = Files.createDirectories(work.resolve("no-delivery-yet"));
        assertThat(check(Map.of("clientindex.sources.christchurch.directory", empty.toString())).output())
                .containsPattern("FAIL  christchurch delivery +no complete delivery in ");

        Path damaged = TestFiles.copyTree(work.resolve("christchurch"), work.resolve("damaged"));
        Path clients;
        try (Stream<Path> files = Files.list(damaged)) {
            clients = files.filter(p -> p.getFileName().toString().startsWith("christchurch_clients_")).findFirst()
                    .orElseThrow();
        }
        String text = Files.readString(clients, StandardCharsets.ISO_8859_1);
        Files.writeString(clients, text.substring(0, text.lastIndexOf("TRL|")), StandardCharsets.ISO_8859_1);

        CommandLine.Result result = check(Map.of("clientindex.sources.christchurch.directory", damaged.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.output()).containsPattern("FAIL  christchurch delivery +Christchurch delivery refused: "
                + "christchurch_clients_\\d{8}.txt failed its control totals because it has no trailer line");
        assertThat(check(Map.of("clientindex.sources.christchurch.directory", work.resolve("nowhere").toString()))
                .output()).containsPattern("FAIL  christchurch +delivery folder .*nowhere does not exist");
    }

    @Test
    @Order(7)
    void anInvalidMappingFails() throws IOException {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), work.resolve("bad-mappings"));
        Path poole = mappings.resolve("poole.yaml");
        Files.writeString(poole, Files.readString(poole).replace("transforms: [name] }", "transforms: [nmae] }"));

        CommandLine.Result result = check(Map.of("clientindex.mappings.directory", mappings.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.output()).containsPattern("FAIL  mappings +poole.yaml line \\d+: .*unknown transform 'nmae'");
    }

    @Test
    @Order(8)
    void aMappedColumnTheLegacyTableLacksFails() throws IOException {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), work.resolve("renamed-column"));
        Path bournemouth = mappings.resolve("bournemouth.yaml");
        Files.writeString(bournemouth, Files.readString(bournemouth).replace("from: surname", "from: family_name"));

        CommandLine.Result result = check(Map.of("clientindex.mappings.directory", mappings.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.output()).containsPattern(
                "FAIL  bournemouth.client +table client has no column family_name named in mappings/bournemouth.yaml");
    }

    @Test
    @Order(9)
    void migrateStopsOnAFailButNotOnAWarning() {
        Map<String, Object> wrong = new LinkedHashMap<>(good);
        wrong.put("clientindex.sources.bournemouth.password", "not-the-password");

        CommandLine.Result stopped = CommandLine.run(wrong, "migrate", "--run-date", "2026-11-26");

        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(stopped.output()).contains("Preflight failed").doesNotContain("Starting run");
        assertThat(new JdbcTemplate(env.targetAdmin()).queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", Long.class)).isZero();

        // the pending schema migrations are a WARN: migrate applies them and runs
        CommandLine.Result ran = CommandLine.run(good, "migrate", "--run-date", "2026-11-26");

        assertThat(ran.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(ran.output()).containsPattern("WARN  target schema").contains("Target schema: applied " + MIGRATIONS + " migration(s)");
        assertThat(check(Map.of()).output()).contains("PASS  target schema                    up to date at version " + LATEST_VERSION);
    }
}
