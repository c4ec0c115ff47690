package uk.gov.bcpcouncil.clientindex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;
import uk.gov.bcpcouncil.clientindex.support.CommandLine;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * A generated run as the night shift leaves it: progress lines with an ETA and the per-step table,
 * {@code run.log} beside the reports with none of the generated children's names, dates of birth or NHS
 * numbers, {@code status.json} for each way a run can end, and the alert command and webhook told of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunMonitoringIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern PROGRESS = Pattern.compile(
            "(extract\\w+|mapRecords): [\\d,]+ of [\\d,]+ \\(\\d+\\.\\d%\\), [\\d,]+/s, elapsed \\S+, ETA \\S+");

    static TestEnvironment env;
    static Map<String, Object> settings;
    static HttpServer webhook;
    static final List<String> posted = new CopyOnWriteArrayList<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void legacySystemsAndAlertReceivers() throws IOException {
        env = TestDatabases.newEnvironment();
        GeneratedLegacyData.generate(env, work.resolve("christchurch"), work.resolve("truth.csv"), 200, 5);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path script = work.resolve("alert.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $CLIENTINDEX_RUN_ID $CLIENTINDEX_RUN_STATE $CLIENTINDEX_EXIT_CODE\""
                + " >> " + work.resolve("alerts.txt") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        settings = new LinkedHashMap<>(env.properties());
        settings.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        settings.put("clientindex.reports.directory", work.resolve("reports").toString());
        settings.put("clientindex.chunk-size", "50");
        settings.put("clientindex.progress.interval", "20ms");
        settings.put("clientindex.alert.command", script.toString());
        settings.put("clientindex.alert.webhook-url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        settings.putAll(env.readOnlyLegacyAccounts());
    }

    @AfterAll
    static void stop() {
        webhook.stop(0);
        env.close();
    }

    private static CommandLine.Result run(Map<String, Object> overrides, String... args) {
        Map<String, Object> props = new LinkedHashMap<>(settings);
        props.putAll(overrides);
        return CommandLine.run(props, args);
    }

    private static Path runDir(String runId) {
        return work.resolve("reports").resolve(runId);
    }

    private static JsonNode status(String runId) throws IOException {
        return JSON.readTree(runDir(runId).resolve("status.json").toFile());
    }

    @Test
    @Order(1)
    void aGeneratedRunReportsProgressWritesItsLogAndStatusAndAlerts() throws IOException {
        CommandLine.Result result = run(Map.of(), "migrate", "--run-date", "2026-11-26", "--label", "nightly");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.output()).containsPattern(PROGRESS)
                .containsPattern("mapRecords started: [\\d,]+ to read")
                // a partitioned step counts its partitions' commits: not "0 of N" until it ends
                .containsPattern("(extractBournemouth\\w+|extractPoole\\w+|mapRecords): [1-9][\\d,]* of [\\d,]+ \\(")
                .containsPattern("mapRecords COMPLETED in \\S+: read [\\d,]+, written [\\d,]+, skipped 0")
                .containsPattern("step +status +read +written +skipped +rejected +time")
                .containsPattern("extractPoolePersons +COMPLETED +[\\d,]+ +[\\d,]+ +0 +0 +\\S+");
        Long clients = new JdbcTemplate(env.targetAdmin()).queryForObject(
                "SELECT COUNT(*) FROM ci_client WHERE run_id = '2026-11-26-nightly'", Long.class);
        assertThat(clients).isPositive();
        assertThat(result.output()).contains("clients in this run's index: " + clients + "\n");

        String log = Files.readString(runDir("2026-11-26-nightly").resolve("run.log"));
        assertThat(log).contains("==== migrate of run 2026-11-26-nightly", "Preflight passed", "Starting run")
                .containsPattern(PROGRESS)
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.\\d{3} INFO  ProgressListener +mapRecords COMPLETED")
                .containsPattern("mapRecords +COMPLETED +[\\d,]+")
                .contains("Run 2026-11-26-nightly COMPLETED; control totals balance (exit 0)")
                .doesNotContain("\r");

        JsonNode status = status("2026-11-26-nightly");
        assertThat(status.get("runId").asString()).isEqualTo("2026-11-26-nightly");
        assertThat(status.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(status.get("exitCode").asInt()).isZero();
        assertThat(status.get("startedAt").asString()).isNotBlank();
        assertThat(status.get("endedAt").asString()).isNotBlank();
        assertThat(status.get("lastCompletedStep").asString()).isEqualTo("reconcile");
        assertThat(status.get("failedStep").isNull()).isTrue();

        assertThat(Files.readAllLines(work.resolve("alerts.txt"))).containsExactly(
                runDir("2026-11-26-nightly").resolve("status.json").toAbsolutePath() + " 2026-11-26-nightly COMPLETED 0");
        assertThat(posted).hasSize(1);
        assertThat(JSON.readTree(posted.get(0)).get("state").asString()).isEqualTo("COMPLETED");
    }

    @Test
    @Order(2)
    void theRunLogHoldsNoneOfTheChildrensNamesDatesOfBirthOrNhsNumbers() throws IOException {
        String log = Files.readString(runDir("2026-11-26-nightly").resolve("run.log"))
                + Files.readString(runDir("2026-11-26-nightly").resolve("status.json"));
        Set<String> names = new TreeSet<>();
        Set<String> dates = new TreeSet<>();
        Set<String> nhs = new TreeSet<>();
        collectLegacyPersonalData(names, dates, nhs);
        assertThat(names).hasSizeGreaterThan(100);
        assertThat(dates).hasSizeGreaterThan(100);
        assertThat(nhs).hasSizeGreaterThan(50);

        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(name) + "(?![\\p{L}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(log).find()) {
                found.add(name);
            }
        }
        for (String value : union(dates, nhs)) {
            if (Pattern.compile("(?<![0-9])" + Pattern.quote(value) + "(?![0-9])").matcher(log).find()) {
                found.add(value);
            }
        }
        assertThat(found).as("personal data in run.log").isEmpty();
    }

    @Test
    @Order(3)
    void aFailedRunIsRecordedAndAlertedAndABrokenHookDoesNotChangeTheExitCode() throws IOException {
        Path damaged = Files.createDirectories(work.resolve("damaged"));
        try (Stream<Path> files = Files.list(work.resolve("christchurch"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                Files.writeString(damaged.resolve(f.getFileName()), f.getFileName().toString().contains("clients")
                        ? text.substring(0, text.lastIndexOf("TRL|")) : text, StandardCharsets.ISO_8859_1);
            }
        }

        CommandLine.Result result = run(Map.of("clientindex.sources.christchurch.directory", damaged.toString(),
                "clientindex.alert.webhook-url", "http://127.0.0.1:1/unreachable"),
                "migrate", "--run-date", "2026-11-26", "--label", "damaged");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.output()).containsPattern("WARN  christchurch delivery .*exit 1, restartable")
                .contains("Alert webhook on 127.0.0.1 failed");
        JsonNode status = status("2026-11-26-damaged");
        assertThat(status.get("state").asString()).isEqualTo("FAILED");
        assertThat(status.get("exitCode").asInt()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.get("failedStep").asString()).isEqualTo("verifyChristchurchDelivery");
        assertThat(status.get("reason").asString()).contains("no trailer line");
        assertThat(Files.readAllLines(work.resolve("alerts.txt"))).last().asString()
                .endsWith("2026-11-26-damaged FAILED 1");
    }

    @Test
    @Order(4)
    void aPreflightFailureIsRecordedAndAlerted() throws IOException {
        CommandLine.Result result = run(Map.of("clientindex.sources.bournemouth.password", "wrong"),
                "migrate", "--run-date", "2026-11-26", "--label", "badpassword");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        JsonNode status = status("2026-11-26-badpassword");
        assertThat(status.get("state").asString()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(status.get("exitCode").asInt()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(status.get("failedStep").asString()).isEqualTo("preflight");
        assertThat(status.get("reason").asString()).startsWith("bournemouth: cannot connect");
        assertThat(Files.readString(runDir("2026-11-26-badpassword").resolve("run.log"))).contains("FAIL  bournemouth");
        assertThat(Files.readAllLines(work.resolve("alerts.txt"))).last().asString()
                .endsWith("2026-11-26-badpassword PREFLIGHT_FAILED 2");
    }

    @Test
    @Order(5)
    void aCompletedRunsStatusIsFinal() throws IOException {
        String before = Files.readString(runDir("2026-11-26-nightly").resolve("status.json"));

        assertThat(run(Map.of(), "migrate", "--run-date", "2026-11-26", "--label", "nightly").exitCode())
                .isEqualTo(ExitCodes.REFUSED);

        assertThat(Files.readString(runDir("2026-11-26-nightly").resolve("status.json"))).isEqualTo(before);
        assertThat(Files.readString(runDir("2026-11-26-nightly").resolve("run.log")))
                .contains("Refused: run 2026-11-26-nightly already completed");
    }

    /**
     * Every first name, surname, date of birth and NHS number in the three legacy sources. Names are the
     * tokens of four letters or more (shorter ones, such as "Ava", occur inside ordinary words); dates are
     * in each source's own format and in ISO form; the run's own date is left out (it names the run).
     */
    private static void collectLegacyPersonalData(Set<String> names, Set<String> dates, Set<String> nhs)
            throws IOException {
        JdbcTemplate bournemouth = new JdbcTemplate(env.bournemouthAdmin());
        bournemouth.query("SELECT forename, middle_names, surname, known_as, date_of_birth, nhs_no FROM client", rs -> {
            for (int i = 1; i <= 4; i++) {
                addNames(names, rs.getString(i));
            }
            addDate(dates, rs.getString(5), DateTimeFormatter.ofPattern("dd/MM/uuuu"));
            addNhs(nhs, rs.getString(6));
        });
        JdbcTemplate poole = new JdbcTemplate(env.pooleAdmin());
        poole.query("SELECT given_names, family_name, preferred_name, birth_date::text, nhs_number FROM poole.person",
                rs -> {
                    for (int i = 1; i <= 3; i++) {
                        addNames(names, rs.getString(i));
                    }
                    addDate(dates, rs.getString(4), DateTimeFormatter.ISO_LOCAL_DATE);
                    addNhs(nhs, rs.getString(5));
                });
        poole.query("SELECT given_names, family_name FROM poole.person_alias", rs -> {
            addNames(names, rs.getString(1));
            addNames(names, rs.getString(2));
        });
        try (Stream<Path> files = Files.list(work.resolve("christchurch"))) {
            Path clients = files.filter(p -> p.getFileName().toString().startsWith("christchurch_clients_"))
                    .findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(clients, ChristchurchFormat.CHARSET);
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] v = ChristchurchFormat.split(line);
                addNames(names, v[1] + " " + v[2] + " " + v[3]);
                addDate(dates, v[4], DateTimeFormatter.BASIC_ISO_DATE);
                addNhs(nhs, v[7]);
            }
        }
    }

    private static void addNames(Set<String> names, String text) {
        if (text == null) {
            return;
        }
        for (String token : text.split("[^\\p{L}]+")) {
            if (token.length() >= 4) {
                names.add(token.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void addDate(Set<String> dates, String text, DateTimeFormatter format) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim(), format);
            if (!date.equals(LocalDate.of(2026, 11, 26)) && !date.equals(LocalDate.now())) {
                dates.add(text.trim());
                dates.add(date.toString());
                dates.add(date.format(DateTimeFormatter.BASIC_ISO_DATE));
            }
        } catch (java.time.format.DateTimeParseException e) {
            // an impossible date as typed ('31/02/2015'): not a date anyone could be identified by
        }
    }

    private static void addNhs(Set<String> nhs, String text) {
        if (text == null) {
            return;
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() == 10) {
            nhs.add(digits);
            nhs.add(digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
