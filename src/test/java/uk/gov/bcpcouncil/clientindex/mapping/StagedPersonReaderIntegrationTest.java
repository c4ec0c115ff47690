package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.extract.StagingPartitions;
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
        TestDatabases.migrate(target);
        JdbcTemplate jdbc = new JdbcTemplate(target);
        StagingPartitions.prepare(jdbc, "r");
        for (String source : List.of("BOURNEMOUTH", "CHRISTCHURCH", "POOLE")) {
            for (int i = 1; i <= 250; i++) {
                jdbc.update("INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)"
                        + " VALUES ('r', ?, 'PERSON', ?, ?, '{}'::jsonb)", source, String.valueOf(i), String.valueOf(i));
            }
        }
        StagingPartitions.index(jdbc, "r", false); // as indexStaging does once the extracts are done
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

    /**
     * Child rows are fetched per page, not per person: each person still gets exactly its own child rows (never
     * those of another source's person with the same id, nor of another run), in {@code row_id} order, across
     * page boundaries; a person without child rows gets empty lists.
     */
    @Test
    void eachPersonGetsExactlyItsOwnChildRowsInRowIdOrder() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(target);
        String insert = "INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb)";
        for (String run : List.of("c", "other")) {
            StagingPartitions.prepare(jdbc, run);
            for (String source : List.of("BOURNEMOUTH", "POOLE")) {
                for (int i = 1; i <= 30; i++) {
                    String person = String.valueOf(i);
                    jdbc.update(insert, run, source, "PERSON", person, person, "{\"id\": \"" + person + "\"}");
                    if (i % 3 == 0) {
                        continue; // no child rows
                    }
                    // row ids inserted out of order: 'b' before 'a'
                    for (String suffix : List.of("b", "a")) {
                        String tag = run + "/" + source + "/" + person + "/" + suffix;
                        jdbc.update(insert, run, source, "ADDRESS", person + suffix, person, "{\"tag\": \"" + tag + "\"}");
                        jdbc.update(insert, run, source, "INVOLVEMENT", "i" + person + suffix, person,
                                "{\"tag\": \"" + tag + "\"}");
                    }
                    if (source.equals("POOLE")) {
                        jdbc.update(insert, run, source, "ALIAS", "al" + person, person,
                                "{\"tag\": \"" + run + "/" + source + "/" + person + "\"}");
                    }
                }
            }
            StagingPartitions.index(jdbc, run, false);
        }
        JdbcPagingItemReader<StagedPerson> reader = StagedPersonReaders.reader(target, "c", 7, JsonMapper.builder().build());
        reader.open(new ExecutionContext());
        int persons = 0;
        for (StagedPerson p = reader.read(); p != null; p = reader.read()) {
            persons++;
            assertThat(p.person()).containsEntry("id", p.recordId());
            String prefix = "c/" + p.source() + "/" + p.recordId();
            if (Integer.parseInt(p.recordId()) % 3 == 0) {
                assertThat(p.addresses()).isEmpty();
                assertThat(p.involvements()).isEmpty();
                assertThat(p.aliases()).isEmpty();
                continue;
            }
            assertThat(p.addresses()).extracting(m -> m.get("tag")).containsExactly(prefix + "/a", prefix + "/b");
            assertThat(p.involvements()).extracting(m -> m.get("tag")).containsExactly(prefix + "/a", prefix + "/b");
            if (p.source() == uk.gov.bcpcouncil.clientindex.SourceSystem.POOLE) {
                assertThat(p.aliases()).extracting(m -> m.get("tag")).containsExactly(prefix);
            } else {
                assertThat(p.aliases()).isEmpty();
            }
        }
        reader.close();
        assertThat(persons).isEqualTo(60);
    }

    /**
     * A page's child rows are read by the range of its person ids: the child rows of a person inside that range but
     * not read (carried over unchanged by an incremental run) are skipped, never attached to another person.
     */
    @Test
    void childRowsOfPersonsCarriedOverAreSkipped() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(target);
        String insert = "INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data, carried)"
                + " VALUES ('k', 'POOLE', ?, ?, ?, ?::jsonb, ?)";
        StagingPartitions.prepare(jdbc, "k");
        for (int i = 10; i <= 40; i++) {
            String person = String.valueOf(i);
            boolean carried = i % 5 == 0;
            jdbc.update(insert, "PERSON", person, person, "{}", carried);
            jdbc.update(insert, "ADDRESS", "a" + person, person, "{\"of\": \"" + person + "\"}", carried);
        }
        StagingPartitions.index(jdbc, "k", false);
        JdbcPagingItemReader<StagedPerson> reader = StagedPersonReaders.reader(target, "k", 10, JsonMapper.builder().build());
        reader.open(new ExecutionContext());
        List<String> read = new ArrayList<>();
        for (StagedPerson p = reader.read(); p != null; p = reader.read()) {
            read.add(p.recordId());
            assertThat(p.addresses()).extracting(m -> m.get("of")).containsExactly(p.recordId());
        }
        reader.close();
        assertThat(read).hasSize(24).noneMatch(id -> Integer.parseInt(id) % 5 == 0);
    }
}
