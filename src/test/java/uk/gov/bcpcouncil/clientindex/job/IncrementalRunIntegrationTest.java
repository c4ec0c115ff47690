package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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
import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.cli.PromoteCommand;
import uk.gov.bcpcouncil.clientindex.cli.SignOffCommand;
import uk.gov.bcpcouncil.clientindex.extract.Incremental;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataMutator;
import uk.gov.bcpcouncil.clientindex.load.IndexComparison;
import uk.gov.bcpcouncil.clientindex.mapping.MappingLoader;
import uk.gov.bcpcouncil.clientindex.signoff.ReportHash;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Stable client IDs, trial loads against the live index, and incremental runs, on real databases: a second
 * run on unchanged data keeps every ID and differs in nothing; after a new duplicate, a corrected date of
 * birth, a soft delete and a Christchurch record missing from a new delivery, an incremental run builds the
 * same index as a full run, with the expected ID events; promotion is refused for a run that is not live-able.
 */
@SpringBootTest(classes = ClientIndexApplication.class)
@SpringBatchTest
class IncrementalRunIntegrationTest {

    static final TestEnvironment ENV = TestDatabases.newEnvironment();
    static final Path WORK = TestWork.tempDir("incremental");
    static final Path DELIVERY = WORK.resolve("christchurch");

    static {
        GeneratedLegacyData.generate(ENV, DELIVERY, WORK.resolve("ground-truth.csv"), 400, 11);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENV.register(registry, DELIVERY, WORK);
    }

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    PromoteCommand promote;

    @Autowired
    SignOffCommand signoff;

    /** Every source's data owner signs the run's report (the promotion gate of issue 6). */
    static void signAll(SignOffCommand signoff, Path reports, String run) throws Exception {
        String sha = ReportHash.of(reports.resolve(run).resolve("report.html"));
        for (String source : List.of("BOURNEMOUTH", "POOLE", "CHRISTCHURCH")) {
            assertThat(signoff.signoff(run, source, "test", sha)).isEqualTo(ExitCodes.OK);
        }
    }

    private static void signAll(SignOffCommand signoff, String run) throws Exception {
        signAll(signoff, WORK.resolve("reports"), run);
    }

    @AfterAll
    static void dropDatabases() {
        ENV.close();
    }

    static String run(JobOperatorTestUtils jobs, String label, boolean incremental) throws Exception {
        RunParameters run = RunParameters.of("2026-11-26", label);
        JobExecution execution = jobs.startJob(run.toJobParameters(MappingLoader.load(Path.of("mappings")),
                incremental ? Incremental.INCREMENTAL : Incremental.FULL));
        assertThat(execution.getStatus()).as("run %s", label).isEqualTo(BatchStatus.COMPLETED);
        return run.runId();
    }

    @Test
    void idsStayStableAndAnIncrementalRunBuildsWhatAFullRunBuilds() throws Exception {
        JdbcTemplate target = new JdbcTemplate(ENV.targetAdmin());
        String first = run(jobs, "first", false);
        String second = run(jobs, "second", false);

        // unchanged data: the same client for every record, and nothing differs
        assertThat(xref(target, second)).isEqualTo(xref(target, first));
        assertThat(IndexComparison.eventCounts(target, second).values()).allMatch(n -> n == 0);
        JsonNode index = summaryIndex(second);
        assertThat(index.get("basisRun").asString()).isEqualTo(first);
        assertThat(index.get("differenceFromBasis").get("added").asLong()).isZero();
        assertThat(index.get("differenceFromBasis").get("removed").asLong()).isZero();
        assertThat(index.get("differenceFromBasis").get("changed").asLong()).isZero();
        assertThat(Files.readAllLines(WORK.resolve("reports").resolve(second).resolve("diff-from-live.csv")))
                .containsExactly("client_id,change,fields");

        // promotion: refused for an unknown run and for one not signed off (exit 4), then the second run goes live
        assertThat(promote.promote("2026-11-26-nosuch", "test")).isEqualTo(ExitCodes.REFUSED);
        assertThat(promote.promote(second, "test")).isEqualTo(ExitCodes.REFUSED);
        assertThat(target.queryForList("SELECT run_id FROM ci_live", String.class)).isEmpty();
        signAll(signoff, second);
        assertThat(promote.promote(second, "test")).isEqualTo(ExitCodes.OK);
        assertThat(target.queryForObject("SELECT run_id FROM ci_live", String.class)).isEqualTo(second);
        assertThat(promote.promote(second, "test")).isEqualTo(ExitCodes.REFUSED);

        // a few changes in the legacy systems
        List<Map<String, Object>> bSingles = singletons(target, second, "BOURNEMOUTH");
        List<Map<String, Object>> pSingles = singletons(target, second, "POOLE");
        List<Map<String, Object>> cSingles = singletons(target, second, "CHRISTCHURCH");
        JdbcTemplate bournemouth = new JdbcTemplate(ENV.bournemouthAdmin());
        JdbcTemplate poole = new JdbcTemplate(ENV.pooleAdmin());
        LocalDateTime bStamp = bournemouth.queryForObject("SELECT MAX(updated_on) FROM client", LocalDateTime.class)
                .plusMinutes(1);
        // a corrected date of birth
        Map<String, Object> corrected = bSingles.stream().filter(m -> m.get("birth_date") != null).findFirst().orElseThrow();
        LocalDate dob = ((java.sql.Date) corrected.get("birth_date")).toLocalDate().plusDays(3);
        bournemouth.update("UPDATE client SET date_of_birth = ?, updated_on = ? WHERE client_id = ?",
                dob.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")), bStamp,
                Long.parseLong((String) corrected.get("source_record_id")));
        // a new duplicate: a Poole record now carries a Bournemouth child's identity, so two clients merge
        Map<String, Object> withNhs = bSingles.stream().filter(m -> "VALID".equals(m.get("nhs_status"))
                && m.get("birth_date") != null && m != corrected).findFirst().orElseThrow();
        Map<String, Object> pooleSingle = pSingles.get(0);
        poole.update("UPDATE poole.person SET given_names = ?, family_name = ?, preferred_name = NULL, birth_date = ?,"
                + " birth_date_kind = 'ACTUAL', sex = ?, nhs_number = ?, upn = NULL, last_modified = (SELECT"
                + " MAX(last_modified) FROM poole.person) + INTERVAL '1 minute' WHERE person_ref = ?",
                withNhs.get("given_name"), withNhs.get("family_name"), withNhs.get("birth_date"),
                "M".equals(withNhs.get("sex")) ? 1 : "F".equals(withNhs.get("sex")) ? 2 : 0, withNhs.get("nhs_number"),
                pooleSingle.get("source_record_id"));
        // a soft delete
        Map<String, Object> deleted = pSingles.get(1);
        poole.update("UPDATE poole.person SET is_deleted = TRUE, last_modified = (SELECT MAX(last_modified) FROM"
                + " poole.person) + INTERVAL '1 minute' WHERE person_ref = ?", deleted.get("source_record_id"));
        // a Christchurch record missing from the next delivery
        Map<String, Object> gone = cSingles.get(0);
        LegacyDataMutator.redeliver(DELIVERY, Set.of((String) gone.get("source_record_id")), Set.of());

        String incremental = run(jobs, "incremental", true);
        String full = run(jobs, "full", false);
        assertThat(target.queryForList("SELECT DISTINCT mode FROM ci_source_watermark WHERE run_id = ?", String.class,
                incremental)).containsExactly("INCREMENTAL");
        Long reRead = target.queryForObject("SELECT COUNT(*) FROM ci_incremental_key WHERE run_id = ? AND changed",
                Long.class, incremental);
        Long all = target.queryForObject("SELECT COUNT(*) FROM ci_incremental_key WHERE run_id = ?", Long.class,
                incremental);
        assertThat(reRead).as("records re-read").isBetween(3L, all / 2);

        assertThat(IndexComparison.differences(target, incremental, full, 20)).isEmpty();
        Map<String, Long> events = IndexComparison.eventCounts(target, incremental);
        assertThat(events.get("MERGED")).as("two clients merged by the new duplicate").isEqualTo(1L);
        assertThat(events.get("RETIRED")).as("the soft delete and the record gone from Christchurch").isEqualTo(2L);
        String retiredSoft = clientOf(target, second, "POOLE", (String) deleted.get("source_record_id"));
        String retiredGone = clientOf(target, second, "CHRISTCHURCH", (String) gone.get("source_record_id"));
        assertThat(target.queryForList("SELECT client_id FROM ci_client_id_event WHERE run_id = ? AND event = 'RETIRED'",
                String.class, incremental)).containsExactlyInAnyOrder(retiredSoft, retiredGone);
        String b = clientOf(target, second, "BOURNEMOUTH", (String) withNhs.get("source_record_id"));
        String p = clientOf(target, second, "POOLE", (String) pooleSingle.get("source_record_id"));
        Map<String, Object> merged = target.queryForMap("SELECT client_id, related_id FROM ci_client_id_event"
                + " WHERE run_id = ? AND event = 'MERGED'", incremental);
        // equal counts (one record each): the oldest ID survives
        String older = b.compareTo(p) < 0 ? b : p;
        assertThat(merged.get("related_id")).isEqualTo(older);
        assertThat(merged.get("client_id")).isEqualTo(older.equals(b) ? p : b);
        // the corrected date of birth: same ID, changed client
        String correctedId = clientOf(target, second, "BOURNEMOUTH", (String) corrected.get("source_record_id"));
        assertThat(clientOf(target, incremental, "BOURNEMOUTH", (String) corrected.get("source_record_id")))
                .isEqualTo(correctedId);
        JsonNode diff = summaryIndex(incremental);
        assertThat(diff.get("basisIsLive").asBoolean()).isTrue();
        assertThat(diff.get("differenceFromBasis").get("removed").asLong()).isEqualTo(3L);
        assertThat(diff.get("differenceFromBasis").get("changed").asLong()).isGreaterThanOrEqualTo(2L);
        assertThat(Files.readString(WORK.resolve("reports").resolve(incremental).resolve("diff-from-live.csv")))
                .contains(correctedId + ",CHANGED,birth_date");
        assertThat(diff.get("idEvents").get("MERGED").asLong()).isEqualTo(1L);
        assertThat(diff.get("run").get("mode").asString()).isEqualTo("INCREMENTAL");

        // matching was incremental: the pairs of two unchanged records took their levels from the base run's cache,
        // only the pairs touching a changed record were compared; the full run compared every pair
        JsonNode levels = diff.get("run").get("candidatePairLevels");
        long computed = levels.get("computed").asLong();
        long reused = levels.get("reusedFromBase").asLong();
        JsonNode fullLevels = summaryIndex(full).get("run").get("candidatePairLevels");
        assertThat(fullLevels.get("reusedFromBase").asLong()).isZero();
        assertThat(fullLevels.get("computed").asLong()).as("the same candidate pairs").isEqualTo(computed + reused);
        assertThat(reused).as("pairs of unchanged records taken from the base run").isPositive();
        assertThat(computed).as("pairs compared by the incremental run (of %d)", computed + reused)
                .isPositive().isLessThan((computed + reused) / 10);
        assertThat(diff.get("run").get("candidateRecordsFromBase").asLong()).as("match views not parsed again")
                .isPositive();
        assertThat(target.queryForObject("SELECT COUNT(*) FROM ci_match_levels WHERE run_id = ?", Long.class,
                incremental)).as("the incremental run keeps its own levels for the next one").isPositive();

        // the report shows the ID events, by client ID only
        String report = Files.readString(WORK.resolve("reports").resolve(incremental).resolve("report.html"));
        assertThat(report).contains("id=\"client-id-events\"", "MERGED", (String) merged.get("client_id"),
                retiredSoft, retiredGone);

        // promoting records the retired IDs with their successor
        signAll(signoff, incremental);
        assertThat(promote.promote(incremental, "test")).isEqualTo(ExitCodes.OK);
        assertThat(target.queryForObject("SELECT successor_id FROM ci_client_id_retired WHERE client_id = ?",
                String.class, merged.get("client_id"))).isEqualTo(older);
    }

    static Map<String, String> xref(JdbcTemplate target, String run) {
        Map<String, String> m = new java.util.TreeMap<>();
        target.query("SELECT source_system || ':' || source_record_id, client_id FROM ci_client_xref WHERE run_id = ?",
                rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                }, run);
        return m;
    }

    static String clientOf(JdbcTemplate target, String run, String source, String record) {
        return target.queryForObject("SELECT client_id FROM ci_client_xref WHERE run_id = ? AND source_system = ?"
                + " AND source_record_id = ?", String.class, run, source, record);
    }

    /** Records of a source that are alone in their client, with their mapped values, in record order. */
    static List<Map<String, Object>> singletons(JdbcTemplate target, String run, String source) {
        return target.queryForList("SELECT m.source_record_id, m.given_name, m.family_name, m.birth_date, m.sex,"
                + " m.nhs_number, m.nhs_status FROM ci_client_xref x JOIN ci_client c ON c.run_id = x.run_id"
                + " AND c.client_id = x.client_id JOIN ci_mapped_record m ON m.run_id = x.run_id"
                + " AND m.source_system = x.source_system AND m.source_record_id = x.source_record_id"
                + " WHERE x.run_id = ? AND x.source_system = ? AND c.member_count = 1 AND m.outcome = 'CANDIDATE'"
                + " AND m.given_name IS NOT NULL AND m.family_name IS NOT NULL"
                + " AND m.given_name !~* '^(baby|unborn)' ORDER BY m.source_record_id LIMIT 20", run, source);
    }

    static JsonNode summaryIndex(String run) throws Exception {
        return summaryIndex(WORK, run);
    }

    /** The {@code index} object of a run's {@code summary.json} under {@code work}'s reports folder. */
    static JsonNode summaryIndex(Path work, String run) throws Exception {
        return JsonMapper.builder().build().readTree(work.resolve("reports").resolve(run).resolve("summary.json")
                .toFile()).get("index");
    }
}
