package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.cli.PromoteCommand;
import uk.gov.bcpcouncil.clientindex.cli.SignOffCommand;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataMutator;
import uk.gov.bcpcouncil.clientindex.generate.LegacySchemas;
import uk.gov.bcpcouncil.clientindex.load.IndexComparison;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Property: over many seeded random small datasets, each with a random share of its records changed
 * (corrected dates of birth, surname changes, soft and hard deletes, new duplicates, Christchurch records
 * missing from a new delivery), an incremental run and a full run on the changed data build the same index
 * with the same client IDs and ID events. The number of datasets is
 * {@code -Dclientindex.test.incremental-datasets} (default 20); the seed of the first one
 * {@code -Dclientindex.test.incremental-seed}: a failure names the dataset's seed to rerun it alone.
 */
@SpringBootTest(classes = ClientIndexApplication.class)
@SpringBatchTest
class IncrementalPropertyIntegrationTest {

    static final int DATASETS = Integer.getInteger("clientindex.test.incremental-datasets", 20);
    static final long FIRST_SEED = Long.getLong("clientindex.test.incremental-seed", 500L);
    static final TestEnvironment ENV = TestDatabases.newEnvironment();
    static final Path WORK = TestWork.tempDir("incremental-property");
    static final Path DELIVERY = WORK.resolve("christchurch");

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

    @AfterAll
    static void dropDatabases() {
        ENV.close();
    }

    @Test
    void fullAndIncrementalRunsAgreeOnRandomDatasets() throws Exception {
        JdbcTemplate target = new JdbcTemplate(ENV.targetAdmin());
        long computed = 0;
        long reused = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + DATASETS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int children = 30 + random.nextInt(50);
            double percent = 2 + random.nextInt(15);
            fresh(children, seed);
            String before = IncrementalRunIntegrationTest.run(jobs, "p" + seed + "-before", false);
            // live: the basis of both later runs (else the full run's basis would be the incremental run)
            IncrementalRunIntegrationTest.signAll(signoff, WORK.resolve("reports"), before);
            assertThat(promote.promote(before, "test")).isEqualTo(ExitCodes.OK);
            new LegacyDataMutator().mutate(percent, seed, ENV.bournemouthAdmin(), ENV.pooleAdmin(), DELIVERY);
            String incremental = IncrementalRunIntegrationTest.run(jobs, "p" + seed + "-incremental", true);
            String full = IncrementalRunIntegrationTest.run(jobs, "p" + seed + "-full", false);
            assertThat(target.queryForList("SELECT DISTINCT basis_run_id FROM ci_client_id_event WHERE run_id IN (?, ?)",
                    String.class, incremental, full)).as("seed %d: the basis", seed).allMatch(before::equals);
            assertThat(IndexComparison.differences(target, incremental, full, 10))
                    .as("seed %d: %d children, %.0f%% changed", seed, children, percent).isEmpty();
            // matching itself is the same: every stored pair with its rule, score and decision, and the model
            assertThat(matching(target, incremental)).as("seed %d: pairs and model", seed)
                    .isEqualTo(matching(target, full));
            JsonNode levels = IncrementalRunIntegrationTest.summaryIndex(WORK, incremental).get("run")
                    .get("candidatePairLevels");
            computed += levels.get("computed").asLong();
            reused += levels.get("reusedFromBase").asLong();
        }
        // the incremental runs took most candidate pairs' levels from their base run instead of comparing them
        assertThat(reused).as("levels reused (%d compared)", computed).isGreaterThan(computed);
    }

    /** The run's stored pairs (keys, rule, score, decision) and model parameters, in order. */
    private static List<String> matching(JdbcTemplate target, String run) {
        List<String> rows = new java.util.ArrayList<>(target.queryForList("SELECT left_key || ' ' || right_key || ' '"
                + " || rule || ' ' || score || ' ' || decision FROM ci_match_pair WHERE run_id = ? ORDER BY 1", String.class,
                run));
        rows.addAll(target.queryForList("SELECT comparison || ' ' || level || ' ' || m || ' ' || u || ' ' || weight"
                + " FROM ci_match_model WHERE run_id = ? ORDER BY 1", String.class, run));
        return rows;
    }

    /** Empty legacy tables and delivery folder, then a new dataset. */
    private static void fresh(int children, long seed) throws IOException {
        LegacySchemas.createBournemouth(ENV.bournemouthAdmin());
        LegacySchemas.createPoole(ENV.pooleAdmin());
        LegacySchemas.clearBournemouth(ENV.bournemouthAdmin());
        LegacySchemas.clearPoole(ENV.pooleAdmin());
        if (Files.isDirectory(DELIVERY)) {
            try (Stream<Path> files = Files.list(DELIVERY)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        GeneratedLegacyData.generate(ENV, DELIVERY, WORK.resolve("ground-truth.csv"), children, seed);
    }
}
