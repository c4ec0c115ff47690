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

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("clientindex.sources.christchurch.directory", DELIVERY::toString);
        registry.add("clientindex.reports.directory", () -> WORK.resolve("reports").toString());
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

        JobExecution execution = jobs.startJob(run.toJobParameters(MappingLoader.load(Path.of("mappings")).checksum()));

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
        assertThat(Files.readString(reports.resolve("report.html"))).contains("PASSED").doesNotContain("FAILED");

        // known duplicates merged, no two true children in one client
        TruthScore score = TruthScore.score(reports.resolve("lineage.csv"), TRUTH);
        assertThat(score.truePairs()).isPositive();
        assertThat(score.precision()).as("pairwise precision").isGreaterThanOrEqualTo(0.99);
        assertThat(score.recall()).as("pairwise recall").isGreaterThanOrEqualTo(0.6);

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
        // the same valid NHS number is always one client
        Integer split = target.queryForObject("""
                SELECT COUNT(*) FROM (SELECT m.nhs_number FROM ci_mapped_record m JOIN ci_client_xref x
                     ON x.run_id = m.run_id AND x.source_system = m.source_system AND x.source_record_id = m.source_record_id
                     WHERE m.run_id = ? AND m.nhs_status = 'VALID' GROUP BY m.nhs_number
                     HAVING COUNT(DISTINCT x.client_id) > 1) t""", Integer.class, run.runId());
        assertThat(split).isZero();
        assertThat(GENERATED).isNotNull();
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
