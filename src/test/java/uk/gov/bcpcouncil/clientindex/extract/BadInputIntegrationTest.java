package uk.gov.bcpcouncil.clientindex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.support.CommandLine;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.PersonalDataScan;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Bad input in each source format: malformed rows (wrong types, oversized values, control characters, bytes
 * that are not valid UTF-8 or Windows-1252, missing columns) are rejected with a reason naming the field and
 * counted; past a source's {@code reject-limit} the run fails (exit 1) and resumes once the limit is raised; a
 * truncated or trailer-mismatched Christchurch delivery is refused before any row loads. No injected value
 * and no generated personal value reaches the logs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIntegrationTest {

    static final String CONTROL_NAME = "Zedkielmarker";
    static TestEnvironment env;
    static Map<String, Object> settings;
    static final Map<String, String> injected = new LinkedHashMap<>(); // source:record -> what was broken
    static final StringBuilder logs = new StringBuilder();

    @TempDir
    static Path work;

    @BeforeAll
    static void legacyDataWithMalformedRowsInEverySource() throws IOException {
        env = TestDatabases.newEnvironment();
        GeneratedLegacyData.generate(env, work.resolve("christchurch"), work.resolve("truth.csv"), 200, 7);
        settings = new LinkedHashMap<>(env.properties());
        settings.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        settings.put("clientindex.reports.directory", work.resolve("reports").toString());
        settings.put("clientindex.chunk-size", "50");

        JdbcTemplate b = new JdbcTemplate(env.bournemouthAdmin());
        List<Long> ids = b.queryForList("SELECT client_id FROM client ORDER BY client_id LIMIT 3", Long.class);
        b.execute("ALTER TABLE client MODIFY surname VARBINARY(200) NULL, MODIFY middle_names TEXT NULL");
        b.update("UPDATE client SET forename = CONCAT('Zed', CHAR(7), 'kielmarker') WHERE client_id = ?", ids.get(0));
        b.update("UPDATE client SET surname = X'C328' WHERE client_id = ?", ids.get(1));
        b.update("UPDATE client SET middle_names = REPEAT('a', 1500) WHERE client_id = ?", ids.get(2));
        long address = b.queryForObject("SELECT MIN(address_id) FROM client_address", Long.class);
        b.update("UPDATE client_address SET line1 = CONCAT('1', CHAR(10), 'High Street') WHERE address_id = ?", address);
        injected.put("BOURNEMOUTH:" + ids.get(0), "forename holds a control character (U+0007)");
        injected.put("BOURNEMOUTH:" + ids.get(1), "surname is not valid UTF-8");
        injected.put("BOURNEMOUTH:" + ids.get(2), "middle_names is 1500 characters long");

        JdbcTemplate p = new JdbcTemplate(env.pooleAdmin());
        List<String> refs = p.queryForList("SELECT person_ref FROM poole.person ORDER BY person_ref LIMIT 3", String.class);
        p.update("UPDATE poole.person SET given_names = E'Amy\\x07' WHERE person_ref = ?", refs.get(0));
        p.update("UPDATE poole.person SET family_name = E'Jon\\tes' WHERE person_ref = ?", refs.get(1));
        p.update("UPDATE poole.person SET preferred_name = repeat('b', 1200) WHERE person_ref = ?", refs.get(2));
        injected.put("POOLE:" + refs.get(0), "given_names holds a control character (U+0007)");
        injected.put("POOLE:" + refs.get(1), "family_name holds a control character (U+0009)");
        injected.put("POOLE:" + refs.get(2), "preferred_name is 1200 characters long");

        Path clients = deliveryFile(work.resolve("christchurch"), "christchurch_clients_");
        List<String> lines = new ArrayList<>(Files.readAllLines(clients, StandardCharsets.ISO_8859_1));
        String[] c1 = lines.get(1).split("\\|", -1);
        String[] c2 = lines.get(2).split("\\|", -1);
        String[] c3 = lines.get(3).split("\\|", -1);
        String[] c4 = lines.get(4).split("\\|", -1);
        c1[2] = c1[2] + "\u0081"; // a byte Windows-1252 does not define
        c2[1] = c2[1] + "\u0007";
        c3[4] = "01/03/2015";
        lines.set(1, String.join("|", c1));
        lines.set(2, String.join("|", c2));
        lines.set(3, String.join("|", c3));
        lines.set(4, String.join("|", java.util.Arrays.copyOf(c4, c4.length - 1)));
        Files.write(clients, (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        injected.put("CHRISTCHURCH:" + c1[0], "line 2: forenames holds bytes that are not valid Windows-1252");
        injected.put("CHRISTCHURCH:" + c2[0], "line 3: surname holds a control character (U+0007)");
        injected.put("CHRISTCHURCH:" + c3[0], "line 4: DOB is not a date (YYYYMMDD)");
        injected.put("CHRISTCHURCH:" + c4[0], "line 5 has 13 values, expected 14");

        Path involvements = deliveryFile(work.resolve("christchurch"), "christchurch_involvements_");
        List<String> inv = new ArrayList<>(Files.readAllLines(involvements, StandardCharsets.ISO_8859_1));
        inv.set(1, inv.get(1).substring(0, inv.get(1).lastIndexOf('|')));
        Files.write(involvements, (String.join("\r\n", inv) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterAll
    static void drop() {
        env.close();
    }

    @Test
    @Order(1)
    void malformedRowsOfEachSourceAreRejectedWithAReasonAndCounted() throws IOException {
        CommandLine.Result result = run(Map.of(), "migrate", "--run-date", "2026-11-26", "--label", "bad");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.OK);
        Map<String, String> lineage = new LinkedHashMap<>();
        for (String line : Files.readAllLines(work.resolve("reports/2026-11-26-bad/lineage.csv"))) {
            String[] v = line.split(",", -1);
            lineage.put(v[0] + ":" + v[1], v[2] + "," + v[4]);
        }
        JdbcTemplate target = new JdbcTemplate(env.targetAdmin());
        Map<String, String> reasons = new LinkedHashMap<>();
        target.query("SELECT source_system || ':' || person_id, data ->> '_malformed' FROM ci_stg_row"
                + " WHERE run_id = '2026-11-26-bad' AND entity = 'PERSON' AND data ->> '_malformed' IS NOT NULL",
                rs -> {
                    reasons.put(rs.getString(1), rs.getString(2));
                });
        injected.forEach((record, reason) -> {
            assertThat(lineage.get(record)).as(record).isEqualTo("REJECTED,MALFORMED_ROW");
            assertThat(reasons.get(record)).as(record).contains(reason);
        });
        assertThat(reasons).hasSize(injected.size());
        // child rows: rejected and counted, their person kept
        assertThat(target.queryForList("SELECT source_system || ' ' || entity || ' ' || (data ->> '_malformed')"
                + " FROM ci_stg_row WHERE run_id = '2026-11-26-bad' AND entity <> 'PERSON' AND data ->> '_malformed' IS NOT NULL"
                + " ORDER BY 1", String.class)).containsExactly(
                        "BOURNEMOUTH ADDRESS client_address line1 holds a control character (U+000A)",
                        "CHRISTCHURCH INVOLVEMENT line 2 has 4 values, expected 5");
        // no value of a malformed row is staged, nor named in a reason
        String staged = String.join("\n", target.queryForList("SELECT data::text FROM ci_stg_row"
                + " WHERE run_id = '2026-11-26-bad' AND data ->> '_malformed' IS NOT NULL", String.class));
        assertThat(staged).doesNotContain(CONTROL_NAME, "aaaaaaaaaa", "bbbbbbbbbb", "\\u0007", "01/03/2015");
        // the flag the reject limit counts on (V19) is set exactly on the rows that carry a reason
        assertThat(target.queryForObject("SELECT COUNT(*) FILTER (WHERE malformed) || '/' || COUNT(*) FILTER (WHERE"
                + " malformed <> (data ->> '_malformed' IS NOT NULL)) FROM ci_stg_row WHERE run_id = '2026-11-26-bad'",
                String.class)).isEqualTo((injected.size() + 2) + "/0");
        assertThat(result.output()).containsPattern("mapRecords +COMPLETED .*");
        logs.append(result.output()).append(Files.readString(work.resolve("reports/2026-11-26-bad/run.log")));
    }

    @Test
    @Order(2)
    void aSourceOverItsRejectLimitFailsTheRunWhichResumesOnceTheLimitIsRaised() throws IOException {
        CommandLine.Result failed = run(Map.of("clientindex.sources.bournemouth.reject-limit", "3"),
                "migrate", "--run-date", "2026-11-26", "--label", "limited");

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.output()).contains("BOURNEMOUTH has more malformed rows than its reject limit: 4 rejected so far,"
                + " the limit (clientindex.sources.bournemouth.reject-limit) is 3");
        JsonNode status = JsonMapper.builder().build().readTree(
                Files.readString(work.resolve("reports/2026-11-26-limited/status.json")));
        assertThat(status.get("state").asString()).isEqualTo("FAILED");
        assertThat(status.get("failedStep").asString()).isEqualTo("extractBournemouthAddresses");
        assertThat(status.get("reason").asString()).contains("BOURNEMOUTH has more malformed rows");

        CommandLine.Result resumed = run(Map.of("clientindex.sources.bournemouth.reject-limit", "4"), "restart");

        assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(ExitCodes.OK);
        logs.append(failed.output()).append(resumed.output())
                .append(Files.readString(work.resolve("reports/2026-11-26-limited/run.log")));
    }

    @Test
    @Order(3)
    void aTruncatedOrTrailerMismatchedDeliveryIsRefusedBeforeAnyRowLoads() throws IOException {
        Path truncated = Files.createDirectories(work.resolve("truncated"));
        Path mismatched = Files.createDirectories(work.resolve("mismatched"));
        try (Stream<Path> files = Files.list(work.resolve("christchurch"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".txt")).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                boolean clients = f.getFileName().toString().contains("clients");
                Files.writeString(truncated.resolve(f.getFileName()),
                        clients ? text.substring(0, text.lastIndexOf("\r\n", text.lastIndexOf("TRL|") - 2) + 2) : text,
                        StandardCharsets.ISO_8859_1);
                String[] trailer = text.substring(text.lastIndexOf("TRL|")).strip().split("\\|");
                Files.writeString(mismatched.resolve(f.getFileName()), clients ? text : text.substring(0,
                        text.lastIndexOf("TRL|")) + "TRL|" + (Long.parseLong(trailer[1]) + 1) + "|" + trailer[2] + "\r\n",
                        StandardCharsets.ISO_8859_1);
            }
        }
        for (Map.Entry<String, Path> c : Map.of("truncated", truncated, "mismatched", mismatched).entrySet()) {
            CommandLine.Result result = run(Map.of("clientindex.sources.christchurch.directory", c.getValue().toString()),
                    "migrate", "--run-date", "2026-11-26", "--label", c.getKey());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(result.output()).contains("Christchurch delivery refused", "Nothing from this delivery was loaded")
                    .contains(c.getKey().equals("truncated") ? "no trailer line" : "its trailer says");
            assertThat(new JdbcTemplate(env.targetAdmin()).queryForObject(
                    "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ?", Long.class, "2026-11-26-" + c.getKey()))
                    .as("rows staged from a refused delivery").isZero();
            logs.append(result.output());
        }
    }

    @Test
    @Order(4)
    void noInjectedOrPersonalValueReachesTheLogsOfTheseRuns() throws IOException {
        PersonalDataScan scan = PersonalDataScan.of(env.bournemouthAdmin(), env.pooleAdmin(), work.resolve("christchurch"))
                .alsoLookFor(CONTROL_NAME, "aaaaaaaaaa", "bbbbbbbbbb", "01/03/2015");
        assertThat(scan.names()).isGreaterThan(50);
        assertThat(logs).contains("BOURNEMOUTH has more malformed rows");

        assertThat(scan.foundIn(logs.toString())).as("personal or injected values in the logs").isEmpty();
    }

    private static CommandLine.Result run(Map<String, Object> extra, String... args) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.putAll(extra);
        return CommandLine.run(all, args);
    }

    private static Path deliveryFile(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
