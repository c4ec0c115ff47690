package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.NhsNumbers;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * matchRecords over mapped records written by hand: every candidate gets one member row, each pair of records with one
 * valid NHS number one cluster keyed by its smallest member; the members are written in the step's transaction, so an
 * attempt whose transaction rolls back leaves none, and a rerun replaces the run's members instead of doubling them.
 */
class MatchMembersIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;
    static DataSource target;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = "members";
    /** Pairs of records of one child (the same valid NHS number), each pair one cluster; and records alone. */
    static final int PAIRS = 7;
    static final int ALONE = 5;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        TestDatabases.migrate(target);
        jdbc = new JdbcTemplate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @BeforeEach
    void records() {
        for (String table : List.of("ci_mapped_record", "ci_cluster_member", "ci_match_pair", "ci_match_explanation",
                "ci_review_queue", "ci_match_model", "ci_match_levels")) {
            jdbc.update("DELETE FROM " + table);
        }
        String[] given = { "Amy", "Ben", "Cara", "Dan", "Ella", "Finn", "Gwen", "Hugo", "Isla", "Jack", "Kate", "Leo" };
        for (int i = 0; i < PAIRS; i++) {
            String nhs = nhsNumber(i);
            record(SourceSystem.BOURNEMOUTH, "B" + i, given[i], LocalDate.of(2014, 1, 1 + i), nhs);
            record(SourceSystem.POOLE, "P" + i, given[i], LocalDate.of(2014, 1, 1 + i), nhs);
        }
        for (int i = 0; i < ALONE; i++) {
            record(SourceSystem.CHRISTCHURCH, "C" + i, given[PAIRS + i], LocalDate.of(2016, 2, 1 + i), null);
        }
    }

    @Test
    void everyRecordHasOneMemberRowAndEachPairOneCluster() throws Exception {
        assertThat(match(true)).isEqualTo(2 * PAIRS + ALONE);
        assertClusters();
    }

    @Test
    void aRolledBackAttemptLeavesNoMembersAndARerunReplacesThem() throws Exception {
        assertThat(match(false)).as("the step's transaction holds every member row").isZero();

        assertThat(match(true)).isEqualTo(2 * PAIRS + ALONE);
        assertClusters();
        assertThat(match(true)).as("a rerun of a committed attempt").isEqualTo(2 * PAIRS + ALONE);
        assertClusters();
    }

    /** Runs the step's tasklet in a transaction that commits or rolls back after it; the run's member rows then. */
    private static long match(boolean commit) throws Exception {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "clientIndexJob"), new JobParameters());
        StepExecution step = new StepExecution(1L, "matchRecords", job);
        Matcher matcher = ProbabilisticMatcher.forChildren(MatchingProperties.defaults(),
                NameVariants.load(Path.of("mappings").resolve(NameVariants.FILE)));
        new TransactionTemplate(new DataSourceTransactionManager(target)).executeWithoutResult(s -> {
            try {
                new MatchTasklet(new JdbcTemplate(target), RUN, matcher, JSON, new MatchViews(false))
                        .execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            if (!commit) {
                s.setRollbackOnly();
            }
        });
        return members();
    }

    private static long members() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ci_cluster_member WHERE run_id = ?", Long.class, RUN);
    }

    private static void assertClusters() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT source_system || ':' || source_record_id AS k,"
                + " cluster_key FROM ci_cluster_member WHERE run_id = ? ORDER BY 1", RUN);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT (source_system, source_record_id)) FROM ci_cluster_member"
                + " WHERE run_id = ?", Long.class, RUN)).as("one row per record").isEqualTo(rows.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            expected.add("BOURNEMOUTH:B" + i + " BOURNEMOUTH:B" + i);
            expected.add("POOLE:P" + i + " BOURNEMOUTH:B" + i);
        }
        for (int i = 0; i < ALONE; i++) {
            expected.add("CHRISTCHURCH:C" + i + " CHRISTCHURCH:C" + i);
        }
        assertThat(rows.stream().map(r -> r.get("k") + " " + r.get("cluster_key")).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void record(SourceSystem source, String id, String given, LocalDate birth, String nhs) {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        IdentifierCheck nhsNumber = nhs == null ? absent : NhsNumbers.check(nhs);
        CanonicalRecord r = new CanonicalRecord(source, id, List.of(given), "Smith", List.of(), birth, "ACTUAL", null,
                "F", "F", nhsNumber, absent, "WBRI", "WBRI", null, List.of(), List.of(), "2020-01-01T00:00:00Z", false,
                List.of(), List.of());
        jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, record)"
                + " VALUES (?, ?, ?, 'CANDIDATE', ?::json)", RUN, source.name(), id, JSON.writeValueAsString(r));
    }

    /** A valid NHS number in the test range (999 ...): the first stem from {@code 999_000_000 + 7 * seed} with a check digit. */
    private static String nhsNumber(int seed) {
        for (int stem = 999_000_000 + seed * 7; ; stem++) {
            String nhs = NhsNumbers.withCheckDigit(Integer.toString(stem));
            if (nhs != null) {
                return nhs;
            }
        }
    }
}
