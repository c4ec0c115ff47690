package uk.gov.bcpcouncil.clientindex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestFiles;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * {@code run.sh} as operators use it, against real databases: generate, migrate with SELECT-only legacy
 * accounts, the exit codes of the design brief, a refused delivery, status.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineIntegrationTest {

    static TestEnvironment env;
    static Map<String, Object> readOnly;

    @TempDir
    static Path work;

    @BeforeAll
    static void databases() {
        env = TestDatabases.newEnvironment();
    }

    @AfterAll
    static void drop() {
        env.close();
    }

    private static int run(Map<String, Object> overrides, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        Map<String, Object> props = new java.util.LinkedHashMap<>(env.properties());
        props.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        props.put("clientindex.reports.directory", work.resolve("reports").toString());
        props.putAll(overrides);
        props.forEach((k, v) -> all.add("--" + k + "=" + v));
        return ClientIndexApplication.run(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void generateFillsTheLegacySystems() {
        assertThat(run(Map.of(), "generate", "--children", "400", "--seed", "7")).isZero();

        assertThat(new JdbcTemplate(env.bournemouthAdmin()).queryForObject("SELECT COUNT(*) FROM client", Long.class))
                .isPositive();
        assertThat(work.resolve("christchurch").resolve(GenerateCommand.TRUTH_FILE)).exists();
        readOnly = env.readOnlyLegacyAccounts();
    }

    @Test
    @Order(2)
    void migrateWithSelectOnlyLegacyAccountsCompletesBalanced() throws IOException {
        assertThat(run(readOnly, "migrate", "--run-date", "2026-11-26", "--label", "nightly")).isEqualTo(ExitCodes.OK);

        Path report = work.resolve("reports/2026-11-26-nightly");
        assertThat(report.resolve("report.html")).exists();
        assertThat(report.resolve("lineage.csv")).exists();
        assertThat(report.resolve("summary.json")).exists();
        assertThat(Files.getPosixFilePermissions(report.resolve("lineage.csv")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    @Order(3)
    void aSecondLaunchOfACompletedRunIsRefusedButAnotherLabelRuns() throws IOException {
        assertThat(run(readOnly, "migrate", "--run-date", "2026-11-26", "--label", "nightly"))
                .isEqualTo(ExitCodes.REFUSED);

        assertThat(run(readOnly, "migrate", "--run-date", "2026-11-26", "--label", "trial-2")).isEqualTo(ExitCodes.OK);
        // unchanged data: every record keeps its client ID
        assertThat(clientIds("2026-11-26-trial-2")).isEqualTo(clientIds("2026-11-26-nightly"));
    }

    @Test
    @Order(4)
    void aDamagedDeliveryIsRefusedAndNothingOfTheRunIsLoaded() throws IOException {
        Path clients;
        try (Stream<Path> files = Files.list(work.resolve("christchurch"))) {
            clients = files.filter(p -> p.getFileName().toString().startsWith("christchurch_clients_")).findFirst()
                    .orElseThrow();
        }
        byte[] original = Files.readAllBytes(clients);
        String text = new String(original, StandardCharsets.ISO_8859_1);
        int trailer = text.lastIndexOf("TRL|");
        Files.write(clients, text.substring(0, trailer).getBytes(StandardCharsets.ISO_8859_1)); // cut short
        try {
            assertThat(run(readOnly, "migrate", "--run-date", "2026-11-26", "--label", "damaged"))
                    .isEqualTo(ExitCodes.FAILED);
            Long staged = new JdbcTemplate(env.targetAdmin()).queryForObject(
                    "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = '2026-11-26-damaged'", Long.class);
            assertThat(staged).isZero();

            String wrongCount = text.substring(0, trailer) + "TRL|1|" + text.substring(trailer).split("\\|")[2];
            Files.write(clients, wrongCount.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(run(readOnly, "restart")).isEqualTo(ExitCodes.FAILED);
        } finally {
            Files.write(clients, original);
        }
        // once the delivery is whole again, the failed run resumes and completes
        assertThat(run(readOnly, "restart")).isEqualTo(ExitCodes.OK);
    }

    @Test
    @Order(5)
    void aFailedRunIsNotResumedWithChangedMappingsAndTheChangedFileIsNamed() throws IOException {
        Path mappings = work.resolve("mappings-copy");
        TestFiles.copyTree(Path.of("mappings"), mappings);
        Map<String, Object> settings = new java.util.LinkedHashMap<>(readOnly);
        settings.put("clientindex.mappings.directory", mappings.toString());
        Path delivery = work.resolve("christchurch");
        Path clients;
        try (Stream<Path> files = Files.list(delivery)) {
            clients = files.filter(p -> p.getFileName().toString().startsWith("christchurch_clients_")).findFirst()
                    .orElseThrow();
        }
        byte[] original = Files.readAllBytes(clients);
        Files.write(clients, java.util.Arrays.copyOf(original, original.length / 2)); // cut short
        assertThat(run(settings, "migrate", "--run-date", "2026-11-27", "--label", "remapped"))
                .isEqualTo(ExitCodes.FAILED);
        Files.write(clients, original);

        Path sex = mappings.resolve("code-tables/sex.csv");
        String before = Files.readString(sex);
        Files.writeString(sex, before + "X,U,a new code\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(settings, "restart")).isEqualTo(ExitCodes.REFUSED);
        } finally {
            System.setErr(stderr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("code-tables/sex.csv (changed)");

        Files.writeString(sex, before);
        assertThat(run(settings, "restart")).isEqualTo(ExitCodes.OK);
    }

    @Test
    @Order(6)
    void statusAndUsageErrors() {
        assertThat(run(Map.of(), "status")).isZero();
        assertThat(run(Map.of(), "migrate", "--label", "Not A Label")).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run(Map.of(), "migrate", "--run-date", "26/11/2026")).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(ClientIndexApplication.run(new String[] { "frobnicate" })).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run(Map.of("clientindex.mappings.directory", work.resolve("no-such-folder").toString()), "migrate",
                "--label", "nomappings")).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run(Map.of("clientindex.sources.christchurch.directory", work.resolve("no-deliveries").toString()),
                "migrate", "--label", "nodeliveries")).isEqualTo(ExitCodes.CONFIGURATION);
    }

    private static List<String> clientIds(String runId) {
        return new JdbcTemplate(env.targetAdmin()).queryForList("SELECT source_system || ':' || source_record_id"
                + " || '=' || client_id FROM ci_client_xref WHERE run_id = ? ORDER BY 1", String.class, runId);
    }
}
