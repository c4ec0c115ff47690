package uk.gov.bcpcouncil.clientindex.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Staging partitioned by run (schema version 13): rows staged before it are kept, each run in its own partition with
 * every index; a new run's partition is loaded without keys and indexed afterwards; an attempt of a run whose
 * partition was there already gets the row key first, so a chunk written again leaves one row per key; a person
 * record staged twice fails the indexing with counts and no record id.
 */
class StagingPartitionsIntegrationTest {

    static TestEnvironment env;
    static DataSource target;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        jdbc = new JdbcTemplate(target);
        TestDatabases.migrate(target, "12");
        String insert = "INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data, carried)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)";
        for (String run : List.of("2026-11-01-nightly", "2026-11-02-nightly")) {
            jdbc.update(insert, run, "POOLE", "PERSON", "P1", "P1", "{\"a\": \"1\"}", false);
            jdbc.update(insert, run, "POOLE", "ADDRESS", "A1", "P1", "{\"a\": \"2\"}", true);
            jdbc.update(insert, run, "BOURNEMOUTH", "PERSON", "7", "7", "{\"a\": \"3\"}", false);
        }
        TestDatabases.migrate(target);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static List<String> indexes(String run) {
        return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = ci_stg_partition_name(?)"
                + " ORDER BY indexname", String.class, run);
    }

    private static Chunk<StagedRow> chunk(String value) {
        return new Chunk<>(List.of(
                new StagedRow(SourceSystem.POOLE, Entity.PERSON, "P1", "P1", Map.of("v", value)),
                new StagedRow(SourceSystem.POOLE, Entity.ADDRESS, "A1", "P1", Map.of("v", value)),
                new StagedRow(SourceSystem.POOLE, Entity.ADDRESS, "A2", "P1", Map.of("v", value))));
    }

    private static void write(StagingWriter writer, Chunk<StagedRow> chunk) {
        new TransactionTemplate(new DataSourceTransactionManager(target))
                .executeWithoutResult(s -> writer.write(chunk));
    }

    @Test
    void rowsStagedBeforeVersion13AreKeptEachRunInItsOwnPartitionWithEveryIndex() {
        for (String run : List.of("2026-11-01-nightly", "2026-11-02-nightly")) {
            String partition = StagingPartitions.name(jdbc, run);
            assertThat(jdbc.queryForList("SELECT source_system || '/' || entity || '/' || row_id || '/' || person_key"
                    + " || '/' || carried || '/' || data::text FROM " + partition + " ORDER BY 1", String.class))
                    .containsExactly("BOURNEMOUTH/PERSON/7/BOURNEMOUTH:7/false/{\"a\": \"3\"}",
                            "POOLE/ADDRESS/A1/POOLE:A1/true/{\"a\": \"2\"}",
                            "POOLE/PERSON/P1/POOLE:P1/false/{\"a\": \"1\"}");
            assertThat(indexes(run)).containsExactly(partition + "_malformed", partition + "_person",
                    partition + "_person_key", partition + "_row");
        }
        assertThat(jdbc.queryForObject("SELECT to_regclass('ci_stg_row_v12') IS NULL", Boolean.class)).isTrue();
        assertThatThrownBy(() -> jdbc.update("INSERT INTO ci_stg_row (run_id, source_system, entity, row_id,"
                + " person_id, data) VALUES ('no-partition', 'POOLE', 'PERSON', '1', '1', '{}')"))
                .hasMessageContaining("no partition");
    }

    @Test
    void aNewRunIsLoadedWithoutKeysAndIndexedAfterwards() {
        String run = "2026-12-04-fresh";
        assertThat(StagingPartitions.prepare(jdbc, run)).isTrue();
        String partition = StagingPartitions.name(jdbc, run);
        assertThat(indexes(run)).containsExactly(partition + "_malformed");

        // values a text COPY would have to escape, and JSON too: tab, newline, backslash, quote, non-ASCII
        String awkward = "Zo\u00eb \"Jo\"\t\\ O\u2019Brien\n\u00df \uD83D\uDE00";
        write(new StagingWriter(jdbc, run, Map.of()), chunk(awkward));
        new IndexStagingTasklet(jdbc, run).indexAndAnalyse();
        assertThat(jdbc.queryForList("SELECT DISTINCT data ->> 'v' FROM ci_stg_row WHERE run_id = ?", String.class, run))
                .containsExactly(awkward);

        assertThat(indexes(run)).containsExactly(partition + "_malformed", partition + "_person",
                partition + "_person_key");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ?", Long.class, run))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE relname = ?", Double.class, partition))
                .as("analysed").isEqualTo(3.0);
    }

    @Test
    void anAttemptOfARunWhosePartitionWasThereGetsTheRowKeyAndReplacesRowsWrittenAgain() {
        String run = "2026-12-04-restarted";
        assertThat(StagingPartitions.prepare(jdbc, run)).isTrue();
        write(new StagingWriter(jdbc, run, Map.of()), chunk("first attempt"));

        assertThat(StagingPartitions.prepare(jdbc, run)).as("the restart finds the partition").isFalse();
        assertThat(indexes(run)).contains(StagingPartitions.name(jdbc, run) + StagingPartitions.ROW_KEY_SUFFIX);
        write(new StagingWriter(jdbc, run, Map.of()), chunk("second attempt"));

        Map<String, String> rows = new LinkedHashMap<>();
        jdbc.query("SELECT entity || '/' || row_id, data ->> 'v' FROM ci_stg_row WHERE run_id = ? ORDER BY 1",
                rs -> {
                    rows.put(rs.getString(1), rs.getString(2));
                }, run);
        assertThat(rows).containsExactly(Map.entry("ADDRESS/A1", "second attempt"),
                Map.entry("ADDRESS/A2", "second attempt"), Map.entry("PERSON/P1", "second attempt"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ?", Long.class, run))
                .isEqualTo(3);
    }

    @Test
    void theMalformedFlagFollowsTheReasonOnTheFirstWriteAndWhenARowIsWrittenAgain() {
        String run = "2026-12-07-flagged";
        StagingPartitions.prepare(jdbc, run);
        write(new StagingWriter(jdbc, run, Map.of(SourceSystem.POOLE, 5)), new Chunk<>(List.of(
                new StagedRow(SourceSystem.POOLE, Entity.PERSON, "P1", "P1", Map.of("v", "1")),
                new StagedRow(SourceSystem.POOLE, Entity.ADDRESS, "A1", "P1", Map.of(RowChecks.MALFORMED, "bad")))));
        assertThat(flagged(run)).containsExactly("ADDRESS/A1");

        StagingPartitions.prepare(jdbc, run); // a restart: the chunk is written again, corrected
        write(new StagingWriter(jdbc, run, Map.of(SourceSystem.POOLE, 5)), new Chunk<>(List.of(
                new StagedRow(SourceSystem.POOLE, Entity.PERSON, "P1", "P1", Map.of(RowChecks.MALFORMED, "bad")),
                new StagedRow(SourceSystem.POOLE, Entity.ADDRESS, "A1", "P1", Map.of("v", "2")))));
        assertThat(flagged(run)).containsExactly("PERSON/P1");
    }

    private static List<String> flagged(String run) {
        return jdbc.queryForList("SELECT entity || '/' || row_id FROM ci_stg_row WHERE run_id = ? AND malformed"
                + " ORDER BY 1", String.class, run);
    }

    @Test
    void aPersonStagedTwiceFailsTheIndexingWithCountsAndNoRecordId() {
        String run = "2026-12-04-twice";
        StagingPartitions.prepare(jdbc, run);
        StagingWriter writer = new StagingWriter(jdbc, run, Map.of());
        write(writer, new Chunk<>(List.of(
                new StagedRow(SourceSystem.CHRISTCHURCH, Entity.PERSON, "40917", "40917", Map.of()),
                new StagedRow(SourceSystem.CHRISTCHURCH, Entity.PERSON, "52210", "52210", Map.of()))));
        write(writer, new Chunk<>(List.of(
                new StagedRow(SourceSystem.CHRISTCHURCH, Entity.PERSON, "40917", "40917", Map.of()))));

        assertThatThrownBy(() -> new TransactionTemplate(new DataSourceTransactionManager(target))
                .executeWithoutResult(s -> new IndexStagingTasklet(jdbc, run).indexAndAnalyse()))
                .isInstanceOf(ExtractRefusedException.class)
                .hasMessageContaining("CHRISTCHURCH 1 record ids")
                .hasMessageNotContaining("40917");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ?", Long.class, run))
                .as("nothing dropped").isEqualTo(3);
    }

    @Test
    void runIdsDifferingOnlyInPunctuationOrLateCharactersGetTheirOwnPartitions() {
        String a = "2026-12-04-" + "x".repeat(40) + "-a";
        String b = "2026-12-04-" + "x".repeat(40) + "-b";
        String c = "2026-12-04_" + "x".repeat(40) + "-a";
        assertThat(List.of(StagingPartitions.name(jdbc, a), StagingPartitions.name(jdbc, b),
                StagingPartitions.name(jdbc, c))).doesNotHaveDuplicates().allMatch(n -> n.length() <= 50);
        for (String run : List.of(a, b, c)) {
            assertThat(StagingPartitions.prepare(jdbc, run)).isTrue();
            StagingPartitions.index(jdbc, run, true);
        }
    }
}
