package uk.gov.bcpcouncil.clientindex.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.reconcile.HtmlReportWriter;
import uk.gov.bcpcouncil.clientindex.reconcile.report.ReportSection;
import uk.gov.bcpcouncil.clientindex.signoff.ReportHash;
import uk.gov.bcpcouncil.clientindex.support.CommandLine;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The data owners' side, through {@code run.sh}'s entry point on real databases: the report in a real
 * headless browser (every section, a screenshot in target/), the Excel-safe CSVs, clerical review decisions
 * made on the review page and applied by a later run, a changed record reopening its decision, a lost record
 * failing the identity (exit 3), and sign-off with the promotion gate (exit 4 until all three sign).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewAndSignOffIntegrationTest {

    static final String RUN_A = "2026-11-26-a";
    static TestEnvironment env;
    static JdbcTemplate target;
    static ReviewQueue.Pair same;
    static ReviewQueue.Pair different;

    @TempDir
    static Path work;

    @BeforeAll
    static void databases() {
        env = TestDatabases.newEnvironment();
        target = new JdbcTemplate(env.targetAdmin());
    }

    @AfterAll
    static void drop() {
        env.close();
    }

    static CommandLine.Result run(String... args) {
        Map<String, Object> props = new LinkedHashMap<>(env.properties());
        props.put("clientindex.sources.christchurch.directory", work.resolve("christchurch").toString());
        props.put("clientindex.reports.directory", work.resolve("reports").toString());
        props.put("clientindex.matching.engine", "probabilistic");
        return CommandLine.run(props, args);
    }

    static Path reports(String runId) {
        return work.resolve("reports").resolve(runId);
    }

    @Test
    @Order(1)
    void aRunWritesTheReportAndExcelSafeCompanions() throws Exception {
        assertThat(run("generate", "--children", "700", "--seed", "11").exitCode()).isZero();

        assertThat(run("migrate", "--run-date", "2026-11-26", "--label", "a").exitCode()).isEqualTo(ExitCodes.OK);

        Path dir = reports(RUN_A);
        String html = Files.readString(dir.resolve("report.html"));
        for (ReportSection s : HtmlReportWriter.SECTIONS) {
            assertThat(html).contains("<section id=\"" + s.id() + "\">");
        }
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("url(").contains("<svg");
        for (String csv : List.of("exceptions.csv", "review-queue.csv")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(csv));
            assertThat(new String(bytes, 0, 3, StandardCharsets.UTF_8)).isEqualTo("\uFEFF");
        }
        assertThat(Files.readString(dir.resolve("exceptions.csv"))).contains(",EXCLUDED,SOFT_DELETED,")
                .contains(",UNMAPPED_CODE,NO_MAPPING,ethnicity,");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"signOff\"").contains("\"previousRun\"");
    }

    @Test
    @Order(2)
    void theReportRendersInAHeadlessBrowserWithEverySection() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        boolean requireAll = Boolean.getBoolean("clientindex.test.require-all");
        if (!Files.isExecutable(chromium)) {
            assertThat(requireAll).as("chromium is required (clientindex.test.require-all) but /usr/bin/chromium is missing")
                    .isFalse();
            assumeTrue(false, "skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
        }
        Path report = reports(RUN_A).resolve("report.html").toAbsolutePath();
        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Path profile = Files.createTempDirectory(work, "chromium");

        String dom = chromium(chromium, profile, "--dump-dom", report.toUri().toString());
        exec(chromium, profile, "--screenshot=" + screenshot, "--window-size=1280,4000", report.toUri().toString());

        for (ReportSection s : HtmlReportWriter.SECTIONS) {
            assertThat(dom).as("section %s rendered", s.id()).contains("id=\"" + s.id() + "\"");
        }
        assertThat(dom).contains("PASSED").contains("<svg");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static String chromium(Path chromium, Path profile, String... args) throws Exception {
        return exec(chromium, profile, args);
    }

    private static String exec(Path chromium, Path profile, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(out);
    }

    @Test
    @Order(3)
    void decisionsMadeOnTheReviewPageAreStoredWithWhoAndWhen() throws Exception {
        ReviewQueue queue = new ReviewQueue(target);
        List<ReviewQueue.Pair> pairs = queue.pairs(RUN_A);
        assertThat(pairs).as("review queue of run A").hasSizeGreaterThanOrEqualTo(2);
        // "same" on a pair of two single-record clients with no conflicting NHS number, one side from
        // Bournemouth (so the test can change it): clustering can then merge them
        same = pairs.stream().filter(p -> p.reason().equals("FS_REVIEW"))
                .filter(p -> p.leftKey().startsWith("BOURNEMOUTH:") || p.rightKey().startsWith("BOURNEMOUTH:"))
                .filter(p -> single(p.leftKey()) && single(p.rightKey()))
                .filter(p -> p.left().nhsNumber() == null || p.right().nhsNumber() == null
                        || p.left().nhsNumber().equals(p.right().nhsNumber()))
                .findFirst().orElseThrow();
        different = pairs.stream().filter(p -> p != same).findFirst().orElseThrow();

        try (ReviewServer server = ReviewServer.start(queue, RUN_A, "Ann Reviewer", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(list).contains(same.leftKey()).contains("waiting");
            String page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "pair?i=0")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("Same child").contains("Different children").contains("Not sure");
            assertThat(post(http, server.url() + "decide", same, "SAME", "same address and school")).isEqualTo(303);
            assertThat(post(http, server.url() + "decide", different, "DIFFERENT", "twins")).isEqualTo(303);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + URI.create(server.url()).getPort() + "/review/wrong-token/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            http.send(HttpRequest.newBuilder(URI.create(server.url() + "finish")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(server.awaitFinish(5, TimeUnit.SECONDS)).isTrue();
        }

        List<Map<String, Object>> rows = target.queryForList("SELECT left_key, decision, decided_by, decided_at, note"
                + " FROM ci_review_decision ORDER BY decision DESC");
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("decided_by")).isEqualTo("Ann Reviewer");
            assertThat(r.get("decided_at")).isNotNull();
        });
        assertThat(queue.pairs(RUN_A).stream().filter(p -> !p.open()).count()).isEqualTo(2);
    }

    private static boolean single(String key) {
        return target.queryForObject("SELECT c.member_count FROM ci_client_xref x JOIN ci_client c ON c.run_id = x.run_id"
                + " AND c.client_id = x.client_id WHERE x.run_id = ? AND x.source_system || ':' || x.source_record_id = ?",
                Integer.class, RUN_A, key) == 1;
    }

    private static int post(HttpClient http, String url, ReviewQueue.Pair p, String decision, String note)
            throws Exception {
        String form = "left=" + enc(p.leftKey()) + "&right=" + enc(p.rightKey()) + "&decision=" + decision + "&note="
                + enc(note);
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(4)
    void aLaterRunAppliesTheDecisionsAndDoesNotAskAgain() {
        assertThat(run("migrate", "--run-date", "2026-11-26", "--label", "b").exitCode()).isEqualTo(ExitCodes.OK);

        assertThat(rule("2026-11-26-b", same)).isEqualTo(ClericalDecisions.SAME_RULE);
        assertThat(rule("2026-11-26-b", different)).isEqualTo(ClericalDecisions.DIFFERENT_RULE);
        assertThat(clientOf("2026-11-26-b", same.leftKey())).isEqualTo(clientOf("2026-11-26-b", same.rightKey()));
        assertThat(clientOf("2026-11-26-b", different.leftKey())).isNotEqualTo(clientOf("2026-11-26-b", different.rightKey()));
        assertThat(new ReviewQueue(target).pairs("2026-11-26-b")).filteredOn(ReviewQueue.Pair::open)
                .noneMatch(p -> p.leftKey().equals(same.leftKey()) && p.rightKey().equals(same.rightKey()))
                .noneMatch(p -> p.leftKey().equals(different.leftKey()) && p.rightKey().equals(different.rightKey()));
    }

    @Test
    @Order(5)
    void aChangedRecordReopensItsDecision() {
        String key = same.leftKey().startsWith("BOURNEMOUTH:") ? same.leftKey() : same.rightKey();
        assumeTrue(key.startsWith("BOURNEMOUTH:"), "no review pair with a Bournemouth record in this data");
        new JdbcTemplate(env.bournemouthAdmin()).update("UPDATE client SET updated_on = '2026-11-27 09:00:00'"
                + " WHERE client_id = ?", Long.parseLong(key.substring(key.indexOf(':') + 1)));

        assertThat(run("migrate", "--run-date", "2026-11-26", "--label", "c").exitCode()).isEqualTo(ExitCodes.OK);

        assertThat(rule("2026-11-26-c", same)).isNotEqualTo(ClericalDecisions.SAME_RULE);
        assertThat(rule("2026-11-26-c", different)).isEqualTo(ClericalDecisions.DIFFERENT_RULE);
        assertThat(new ReviewQueue(target).pairs("2026-11-26-c")).filteredOn(ReviewQueue.Pair::open)
                .anyMatch(p -> p.leftKey().equals(same.leftKey()) && p.rightKey().equals(same.rightKey()));
    }

    @Test
    @Order(6)
    void aLostRecordFailsTheIdentityVisiblyAndTheExitCodeSaysSo() throws Exception {
        String lost = target.queryForObject("SELECT row_id FROM ci_stg_row WHERE run_id = ? AND source_system = 'POOLE'"
                + " AND entity = 'PERSON' ORDER BY row_id LIMIT 1", String.class, RUN_A);
        // a fault between staging and mapping: the mapped record of one Poole person is silently dropped
        target.execute("CREATE FUNCTION test_lose_record() RETURNS trigger AS $$ BEGIN IF NEW.source_system = 'POOLE'"
                + " AND NEW.source_record_id = '" + lost + "' THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        target.execute("CREATE TRIGGER test_lose_record BEFORE INSERT ON ci_mapped_record FOR EACH ROW"
                + " EXECUTE FUNCTION test_lose_record()");
        try {
            CommandLine.Result result = run("migrate", "--run-date", "2026-11-26", "--label", "lost");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.UNBALANCED);
            assertThat(result.output()).contains("DO NOT BALANCE (exit 3)");
            String html = Files.readString(reports("2026-11-26-lost").resolve("report.html"));
            assertThat(html).contains("class=\"fail\">FAILED").contains("POOLE: 1 record(s) read but not accounted for");
            assertThat(Files.readString(reports("2026-11-26-lost").resolve("exceptions.csv")))
                    .contains("POOLE," + lost + ",NOT_ACCOUNTED_FOR,NOT_MAPPED");
        } finally {
            target.execute("DROP TRIGGER test_lose_record ON ci_mapped_record");
            target.execute("DROP FUNCTION test_lose_record()");
        }
    }

    @Test
    @Order(7)
    void promotionIsRefusedUntilAllThreeSourcesSignTheExactReport() throws Exception {
        Path report = reports(RUN_A).resolve("report.html");
        String sha = ReportHash.of(report);

        CommandLine.Result wrong = run("signoff", "--run", RUN_A, "--source", "POOLE", "--by", "Pat Owner",
                "--sha256", "0".repeat(64));
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrong.output()).contains(sha).contains("Refused");
        assertThat(run("promote", "--run", RUN_A).exitCode()).isEqualTo(ExitCodes.REFUSED);

        for (String source : List.of("POOLE", "BOURNEMOUTH")) {
            assertThat(run("signoff", "--run", RUN_A, "--source", source, "--by", source + " owner", "--sha256", sha)
                    .exitCode()).isZero();
        }
        CommandLine.Result refused = run("promote", "--run", RUN_A);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.output()).contains("CHRISTCHURCH has not signed");
        assertThat(run("signoff", "--run", RUN_A, "--source", "christchurch", "--by", "Chris Owner", "--sha256", sha)
                .exitCode()).isZero();

        assertThat(ReportHash.of(report)).as("the report never changes").isEqualTo(sha);
        assertThat(Files.readString(reports(RUN_A).resolve("signoff.json"))).contains("\"POOLE\"")
                .contains("\"BOURNEMOUTH\"").contains("\"CHRISTCHURCH\"").contains(sha);
        assertThat(run("promote", "--run", RUN_A).exitCode()).isZero();
        assertThat(target.queryForObject("SELECT report_sha256 FROM ci_promotion WHERE run_id = ?", String.class, RUN_A))
                .isEqualTo(sha);
        assertThat(run("promote", "--run", "2026-11-26-lost").exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    @Order(8)
    void reviewQueueCsvListsWhatTheReviewPageShows() throws Exception {
        ReviewQueue queue = new ReviewQueue(target);
        List<String> runs = target.queryForList("SELECT DISTINCT run_id FROM ci_review_queue ORDER BY 1", String.class);
        assertThat(runs).contains(RUN_A);
        long decided = 0;
        for (String runId : runs) {
            List<ReviewQueue.Listed> expected = queue.pairs(runId).stream().map(p -> new ReviewQueue.Listed(p.leftKey(),
                    p.rightKey(), p.reason(), p.score(), p.decision(), p.decidedBy(), p.decidedAt(),
                    new ReviewQueue.Named(p.left().givenName(), p.left().familyName(), p.left().birthDate(),
                            p.left().nhsNumber()),
                    new ReviewQueue.Named(p.right().givenName(), p.right().familyName(), p.right().birthDate(),
                            p.right().nhsNumber()))).toList();
            assertThat(queue.listed(runId)).as("review-queue.csv rows of run %s", runId).isEqualTo(expected);
            decided += expected.stream().filter(p -> p.decision() != null).count();
        }
        assertThat(decided).as("decisions for the pairs' present content").isGreaterThanOrEqualTo(2);
        // the reopened pair of run c: its stored decision was for content that has changed since
        queue.listed("2026-11-26-c").stream().filter(p -> p.leftKey().equals(same.leftKey())
                && p.rightKey().equals(same.rightKey())).forEach(p -> assertThat(p.decision()).isNull());

        Path csv = work.resolve("review-queue-a.csv");
        new uk.gov.bcpcouncil.clientindex.reconcile.ReviewQueueCsvWriter(target).write(RUN_A, csv);
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8))
                .anyMatch(line -> line.startsWith(same.leftKey() + "," + same.rightKey() + ",")
                        && line.contains(",SAME,Ann Reviewer,"));
    }

    private static String rule(String runId, ReviewQueue.Pair p) {
        List<String> rules = target.queryForList("SELECT rule FROM ci_match_pair WHERE run_id = ? AND left_key = ?"
                + " AND right_key = ?", String.class, runId, p.leftKey(), p.rightKey());
        return rules.isEmpty() ? null : rules.get(0);
    }

    private static String clientOf(String runId, String key) {
        return target.queryForObject("SELECT client_id FROM ci_client_xref WHERE run_id = ? AND source_system || ':' ||"
                + " source_record_id = ?", String.class, runId, key);
    }
}
