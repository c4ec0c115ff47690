package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.generate.GenerationResult;
import uk.gov.bcpcouncil.clientindex.generate.TruthScore;
import uk.gov.bcpcouncil.clientindex.load.ClientIds;
import uk.gov.bcpcouncil.clientindex.mapping.MappingLoader;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The whole job on generated legacy data in real databases: every legacy record is accounted for exactly
 * once, the control totals balance, and the generator's known duplicates are merged without wrong merges.
 */
@SpringBootTest(classes = ClientIndexApplication.class)
@SpringBatchTest
class ClientIndexJobIntegrationTest {

    static final TestEnvironment ENV = TestDatabases.newEnvironment();
    static final Path WORK = tempDir();
    static final Path DELIVERY = WORK.resolve("christchurch");
    static final Path TRUTH = WORK.resolve("ground-truth.csv");
    static final GenerationResult GENERATED = GeneratedLegacyData.generate(ENV, DELIVERY, TRUTH, 1500, 42);

    /**
     * Records the generator does not make, added to Bournemouth with their expected outcome, so that every
     * kind of bad record is seen to end as a mapped value, an explicit unmapped value or a reject with a reason.
     */
    static final Map<String, String> AWKWARD = awkwardRecords();

    static Map<String, String> awkwardRecords() {
        JdbcTemplate legacy = new JdbcTemplate(ENV.bournemouthAdmin());
        String insert = "INSERT INTO client (client_id, forename, surname, date_of_birth, dob_estimated, gender,"
                + " nhs_no, ethnicity, record_status, merged_into, created_on, updated_on)"
                + " VALUES (?, ?, ?, ?, 'N', ?, ?, ?, ?, ?, '2024-01-01 10:00:00', '2024-01-01 10:00:00')";
        legacy.update(insert, 900001, "", null, "00/00/0000", "", "", null, "A", null); // nothing to identify
        legacy.update(insert, 900002, "Quentin", "Ashdown", "01/02/2016", "M", "", null, "M", 900003); // a cycle
        legacy.update(insert, 900003, "Quentin", "Ashdown", "01/02/2016", "M", "", null, "M", 900002);
        legacy.update(insert, 900004, "Rosalind", "Beckett", "02/03/2017", "F", "", null, "M", 999999); // no target
        legacy.update(insert, 900005, "Rosalind", "Beckett", "02/03/2017", "F", "", null, "D", null); // deleted
        legacy.update(insert, 900006, "Rosalind", "Beckett", "02/03/2017", "F", "", null, "M", 900005); // into it
        legacy.update(insert, 900007, "Tamsin", "Carver", "31/02/2015", "Q", "123", "ZZZ", "A", null); // bad values
        Map<String, String> expected = new HashMap<>();
        expected.put("900001", "REJECTED:INSUFFICIENT_IDENTITY");
        expected.put("900002", "REJECTED:MERGE_CHAIN_CYCLE");
        expected.put("900003", "REJECTED:MERGE_CHAIN_CYCLE");
        expected.put("900004", "REJECTED:MERGE_TARGET_MISSING");
        expected.put("900005", "EXCLUDED:SOFT_DELETED");
        expected.put("900006", "EXCLUDED:MERGE_TARGET_EXCLUDED");
        expected.put("900007", "INDEXED:");
        try {
            StringBuilder truth = new StringBuilder();
            expected.keySet().stream().sorted().forEach(id -> truth.append("BOURNEMOUTH,").append(id)
                    .append(",AWKWARD-").append(id).append(",AWKWARD\n"));
            Files.writeString(TRUTH, truth, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return expected;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENV.register(registry, DELIVERY, WORK);
    }

    @Autowired
    JobOperatorTestUtils jobs;

    @AfterAll
    static void dropDatabases() {
        ENV.close();
    }

    @Test
    void buildsTheIndexAccountingForEveryLegacyRecordOnce() throws Exception {
        RunParameters run = RunParameters.of("2026-11-26", "it");

        JobExecution execution = jobs.startJob(run.toJobParameters(MappingLoader.load(Path.of("mappings"))));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
        Map<String, StepExecution> steps = new HashMap<>();
        execution.getStepExecutions().forEach(s -> steps.put(s.getStepName(), s));
        assertThat(steps.get("extractBournemouthClients").getWriteCount())
                .isEqualTo(steps.get("extractBournemouthClients").getReadCount());

        Path reports = WORK.resolve("reports").resolve(run.runId());
        List<CSVRecord> lineage = read(reports.resolve("lineage.csv"));
        List<CSVRecord> truth = read(TRUTH);
        // every person record of every source exactly once
        Set<String> lineageKeys = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (CSVRecord r : lineage) {
            String key = r.get("source_system") + ":" + r.get("source_record_id");
            assertThat(lineageKeys.add(key)).as("record %s appears once", key).isTrue();
            order.add(r.get("source_system"));
            if (r.get("outcome").equals("INDEXED")) {
                assertThat(ClientIds.isValid(r.get("client_id"))).isTrue();
                assertThat(r.get("reason")).isEmpty();
            } else {
                assertThat(r.get("outcome")).isIn("REJECTED", "EXCLUDED");
                assertThat(r.get("reason")).isNotEmpty();
            }
        }
        Set<String> truthKeys = new HashSet<>();
        truth.forEach(r -> truthKeys.add(r.get("source_system") + ":" + r.get("source_record_id")));
        assertThat(lineageKeys).isEqualTo(truthKeys);
        assertThat(order).isSorted();
        assertThat(lineage).hasSize(truth.size());

        // the control totals balance, source by source, with the count queried from each source
        JsonNode summary = JsonMapper.builder().build().readTree(reports.resolve("summary.json").toFile());
        assertThat(summary.get("balanced").asBoolean()).isTrue();
        for (JsonNode source : summary.get("sources")) {
            long read = source.get("read").asLong();
            assertThat(read).isEqualTo(source.get("indexed").asLong() + source.get("rejected").asLong()
                    + source.get("excluded").asLong());
            assertThat(read).isEqualTo(source.get("sourceCount").asLong());
            assertThat(read).isPositive();
        }
        // the report's verdict on the control totals (the sign-off sheet may still fail on open review pairs)
        String html = Files.readString(reports.resolve("report.html"));
        String controlTotals = html.substring(html.indexOf("<p class=\"banner\""),
                html.indexOf("</section>", html.indexOf("<section id=\"control-totals\">")));
        assertThat(controlTotals).contains("PASSED").doesNotContain("FAILED");

        // known duplicates merged, no two true children in one client
        TruthScore score = TruthScore.score(reports.resolve("lineage.csv"), TRUTH);
        assertThat(score.truePairs()).isPositive();
        assertThat(score.precision()).as("pairwise precision").isGreaterThanOrEqualTo(0.99);
        // the probabilistic engine (the default since issue 4) finds far more true pairs than the first pass did
        assertThat(score.recall()).as("pairwise recall").isGreaterThanOrEqualTo(0.9);
        assertThat(Files.readString(reports.resolve("report.html"))).contains("How pairs were scored").contains("Auto-match: ");
        // sample clusters: accepted pairs joined to the index by the pair's split key
        assertThat(html).contains("<h4>Client ").doesNotContain("No client was merged from several records.");

        // records merged in Bournemouth are indexed under their survivor's client
        JdbcTemplate target = new JdbcTemplate(ENV.targetAdmin());
        Integer strayMerges = target.queryForObject("""
                SELECT COUNT(*) FROM ci_mapped_record m
                JOIN ci_client_xref x ON x.run_id = m.run_id AND x.source_system = m.source_system
                     AND x.source_record_id = m.source_record_id
                JOIN ci_client_xref s ON s.run_id = m.run_id AND s.source_system = m.source_system
                     AND s.source_record_id = m.survivor_id
                WHERE m.run_id = ? AND m.outcome = 'MERGED_IN_SOURCE' AND x.client_id <> s.client_id""",
                Integer.class, run.runId());
        assertThat(strayMerges).isZero();
        Integer merged = target.queryForObject("SELECT COUNT(*) FROM ci_mapped_record WHERE run_id = ?"
                + " AND outcome = 'MERGED_IN_SOURCE' AND survivor_id IS NOT NULL", Integer.class, run.runId());
        assertThat(merged).isPositive();
        // ... every one of them whose survivor is indexed
        Integer leftOut = target.queryForObject("""
                SELECT COUNT(*) FROM ci_mapped_record m
                JOIN ci_client_xref s ON s.run_id = m.run_id AND s.source_system = m.source_system
                     AND s.source_record_id = m.survivor_id
                WHERE m.run_id = ? AND m.outcome = 'MERGED_IN_SOURCE' AND NOT EXISTS (SELECT 1 FROM ci_client_xref x
                     WHERE x.run_id = m.run_id AND x.source_system = m.source_system
                     AND x.source_record_id = m.source_record_id)""", Integer.class, run.runId());
        assertThat(leftOut).isZero();
        // the same valid NHS number is always one client
        Integer split = target.queryForObject("""
                SELECT COUNT(*) FROM (SELECT m.nhs_number FROM ci_mapped_record m JOIN ci_client_xref x
                     ON x.run_id = m.run_id AND x.source_system = m.source_system AND x.source_record_id = m.source_record_id
                     WHERE m.run_id = ? AND m.nhs_status = 'VALID' GROUP BY m.nhs_number
                     HAVING COUNT(DISTINCT x.client_id) > 1) t""", Integer.class, run.runId());
        assertThat(split).isZero();
        assertThat(GENERATED).isNotNull();

        // the match view mapRecords stored for each candidate is the one its JSON gives (matchRecords reads the former)
        JsonMapper json = JsonMapper.builder().build();
        List<String> differing = new java.util.ArrayList<>();
        int[] views = { 0 };
        target.query("SELECT source_record_id, record::text, match_view FROM ci_mapped_record WHERE run_id = ?"
                + " AND outcome = 'CANDIDATE'", rs -> {
                    byte[] view = rs.getBytes(3);
                    assertThat(view).as("record %s has a stored match view", rs.getString(1)).isNotNull();
                    views[0]++;
                    uk.gov.bcpcouncil.clientindex.matching.MatchRecord fromJson = uk.gov.bcpcouncil.clientindex.matching.MatchRecords
                            .of(json.readValue(rs.getString(2), uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord.class));
                    if (!fromJson.equals(uk.gov.bcpcouncil.clientindex.matching.MatchRecords.fromMatchView(view))) {
                        differing.add(rs.getString(1));
                    }
                }, run.runId());
        assertThat(views[0]).isPositive();
        assertThat(differing).isEmpty();
        // mapRecords ran in this process: matchRecords took the views it kept, all of them, instead of reading them
        assertThat(execution.getExecutionContext().getLong(uk.gov.bcpcouncil.clientindex.matching.MatchTasklet.VIEWS_KEPT_KEY))
                .isEqualTo(views[0]);

        // every awkward record ends as a reject or exclusion with its reason, or indexed with its bad values
        // kept out of the index and its unmapped codes counted
        for (CSVRecord r : lineage) {
            String expected = AWKWARD.get(r.get("source_record_id"));
            if (r.get("source_system").equals("BOURNEMOUTH") && expected != null) {
                assertThat(r.get("outcome") + ":" + r.get("reason")).as("record %s", r.get("source_record_id"))
                        .isEqualTo(expected);
            }
        }
        Map<String, Object> odd = target.queryForMap("SELECT birth_date, sex, nhs_status, record->>'ethnicity' AS"
                + " ethnicity, record->>'issues' AS issues FROM ci_mapped_record WHERE run_id = ?"
                + " AND source_system = 'BOURNEMOUTH' AND source_record_id = '900007'", run.runId());
        assertThat(odd.get("birth_date")).isNull();
        assertThat(odd.get("sex")).isEqualTo("UNMAPPED");
        assertThat(odd.get("nhs_status")).isEqualTo("INVALID_FORMAT");
        assertThat(odd.get("ethnicity")).isEqualTo("UNMAPPED");
        assertThat((String) odd.get("issues")).contains("person.birth_date: not a valid date");
        JsonNode unmapped = summary.get("unmappedCodes");
        assertThat(unmapped.toString()).contains("\"code\":\"ZZZ\"").contains("\"code\":\"Q\"");
        assertThat(summary.get("sources").get(0).get("rejectedByReason").get("MERGE_CHAIN_CYCLE").asLong()).isEqualTo(2);
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("clientindex-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
