package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.config.V1__SpringBatchMetadata;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The restart contract of the staged-person reader: read part, save state, and a new reader opened on
 * that state reads every remaining record exactly once, in order.
 */
class StagedPersonReaderIntegrationTest {

    static TestEnvironment env;
    static DataSource target;

    @BeforeAll
    static void stage() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        Flyway.configure().dataSource(target).javaMigrations(new V1__SpringBatchMetadata()).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(target);
        for (String source : List.of("BOURNEMOUTH", "CHRISTCHURCH", "POOLE")) {
            for (int i = 1; i <= 250; i++) {
                jdbc.update("INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)"
                        + " VALUES ('r', ?, 'PERSON', ?, ?, '{}'::jsonb)", source, String.valueOf(i), String.valueOf(i));
            }
        }
    }

    @AfterAll
    static void drop() {
        env.close();
    }

    @Test
    void aRestartedReaderReadsEveryRemainingRecordExactlyOnce() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<String> keys = new ArrayList<>();
        ExecutionContext context = new ExecutionContext();
        JdbcPagingItemReader<StagedPerson> first = StagedPersonReaders.reader(target, "r", 100, json);
        first.open(context);
        for (int i = 0; i < 300; i++) {
            StagedPerson p = first.read();
            keys.add(p.source() + ":" + p.recordId());
            if ((i + 1) % 100 == 0) {
                first.update(context); // the checkpoint of a committed chunk
            }
        }
        first.read(); // read, never committed: a crash here loses it from the checkpoint
        first.close();

        JdbcPagingItemReader<StagedPerson> second = StagedPersonReaders.reader(target, "r", 100, json);
        second.open(context);
        for (StagedPerson p = second.read(); p != null; p = second.read()) {
            keys.add(p.source() + ":" + p.recordId());
        }
        second.close();

        assertThat(keys).hasSize(750).doesNotHaveDuplicates();
        assertThat(keys).isSortedAccordingTo(String::compareTo);
    }
}
