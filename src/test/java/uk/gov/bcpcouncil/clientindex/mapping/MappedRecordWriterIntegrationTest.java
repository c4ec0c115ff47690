package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The mapped records' writer stores the same row whether its chunk goes in by binary {@code COPY} (a new chunk) or
 * by the upsert of a replayed chunk: every column, the record's JSON and the match view's bytes, with values that
 * need escaping in the text formats (tab, newline, backslash, quotes, non-ASCII letters).
 */
class MappedRecordWriterIntegrationTest {

    static TestEnvironment env;
    static DataSource target;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every column as text, the record as its stored text and the view as hex, in key order. */
    static final String ROWS = "SELECT source_system, source_record_id, outcome, reason, merge_target, survivor_id,"
            + " given_name, family_name, birth_date::text, expected_birth_date::text, sex, nhs_number, nhs_status, upn,"
            + " upn_status, postcode, ethnicity, postcode_statuses::text, unmapped_slots::text, unmapped_codes::text,"
            + " record::text, encode(match_view, 'hex') FROM ci_mapped_record WHERE run_id = 'r'"
            + " ORDER BY source_system, source_record_id";

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
        TestDatabases.migrate(target);
        jdbc = new JdbcTemplate(target);
        tx = new TransactionTemplate(new DataSourceTransactionManager(target));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM ci_mapped_record");
    }

    private static CanonicalRecord record() {
        IdentifierCheck nhs = new IdentifierCheck("943 476 5919", "9434765919", IdentifierStatus.VALID);
        IdentifierCheck upn = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        IdentifierCheck postcode = new IdentifierCheck("bh1 1aa", "BH1 1AA", IdentifierStatus.VALID);
        return new CanonicalRecord(SourceSystem.POOLE, "P\t1", List.of("Zoë", "Mae"), "O'Brien \"Jr\"",
                List.of(new CanonicalRecord.OtherName("ALIAS", List.of("Zoe"), "Smith")), LocalDate.of(2015, 3, 4),
                "ACTUAL", null, "F", "2", nhs, upn, "WBRI", "White British", null,
                List.of(new CanonicalRecord.Address("1 High St\\Flat 2\nPoole", postcode, LocalDate.of(2016, 1, 2), null)),
                List.of(new CanonicalRecord.Involvement("CHILD_IN_NEED", "N1", null, LocalDate.of(2017, 1, 1), null)),
                "2020-01-01T00:00:00Z", false, List.of(), List.of(new CanonicalRecord.Unmapped("ethnicity", "ZZ"),
                        new CanonicalRecord.Unmapped("need code", "Z\"9\\,}")));
    }

    private static Chunk<MappedRecord> chunk() {
        return new Chunk<>(List.of(
                new MappedRecord(SourceSystem.POOLE, "P\t1", MappedRecord.Outcome.CANDIDATE, null, null, record()),
                new MappedRecord(SourceSystem.POOLE, "P2", MappedRecord.Outcome.REJECTED, "NO_NAME", null, null),
                new MappedRecord(SourceSystem.POOLE, "P3", MappedRecord.Outcome.MERGED_IN_SOURCE, null, "P\t1", record())));
    }

    private static List<Map<String, Object>> rows() {
        return jdbc.queryForList(ROWS);
    }

    @Test
    void theViewsOfAChunkAreToldOnlyOnceItsTransactionCommitted() {
        List<String> told = new java.util.ArrayList<>();
        CandidateViews<String> views = new CandidateViews<>() {
            @Override
            public String view(CanonicalRecord candidate) {
                return "view of " + candidate.sourceRecordId();
            }

            @Override
            public byte[] bytes(String view) {
                return view.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public void committed(String runId, Map<String, String> candidates, java.util.Set<String> others) {
                told.add(runId + " " + candidates + " " + new java.util.TreeSet<>(others));
            }
        };
        MappedRecordWriter writer = new MappedRecordWriter(jdbc, "r", JSON, views);

        tx.executeWithoutResult(s -> {
            writer.write(chunk());
            s.setRollbackOnly();
        });
        assertThat(told).as("rolled back").isEmpty();
        tx.executeWithoutResult(s -> writer.write(chunk()));
        assertThat(told).containsExactly("r {POOLE:P\t1=view of P\t1} [POOLE:P2, POOLE:P3]");
        assertThat(jdbc.queryForObject("SELECT convert_from(match_view, 'UTF8') FROM ci_mapped_record"
                + " WHERE source_record_id = 'P\t1'", String.class)).isEqualTo("view of P\t1");
    }

    @Test
    void aCopiedChunkAndAReplayedChunkStoreTheSameRows() {
        // bytes that the text format would escape or hex-encode: zero, 0xFF, a backslash, a tab
        MappedRecordWriter writer = new MappedRecordWriter(jdbc, "r", JSON, r -> new byte[] {0, (byte) 0xFF, '\\', '\t'});
        tx.executeWithoutResult(s -> writer.write(chunk()));
        List<Map<String, Object>> copied = rows();
        jdbc.update("UPDATE ci_mapped_record SET survivor_id = 'x'");
        tx.executeWithoutResult(s -> writer.write(chunk())); // a replayed chunk: refused by COPY, upserted
        List<Map<String, Object>> replayed = rows();

        assertThat(replayed).isEqualTo(copied);
        assertThat(copied).hasSize(3);
        Map<String, Object> candidate = copied.get(0);
        assertThat(candidate.get("source_record_id")).isEqualTo("P\t1");
        assertThat(candidate.get("given_name")).isEqualTo("Zoë");
        assertThat(candidate.get("family_name")).isEqualTo("O'Brien \"Jr\"");
        assertThat(candidate.get("birth_date")).isEqualTo("2015-03-04");
        assertThat(candidate.get("expected_birth_date")).isNull();
        assertThat(candidate.get("nhs_number")).isEqualTo("9434765919");
        assertThat(candidate.get("upn")).isNull();
        assertThat(candidate.get("upn_status")).isEqualTo("ABSENT");
        assertThat(candidate.get("postcode")).isEqualTo("BH1 1AA");
        assertThat(candidate.get("encode")).isEqualTo("00ff5c09");
        assertThat(candidate.get("survivor_id")).isNull();
        assertThat(candidate.get("record")).as("the JSON as written").isEqualTo(JSON.writeValueAsString(record()));
        assertThat(candidate.get("ethnicity")).isEqualTo("WBRI");
        assertThat(candidate.get("postcode_statuses")).isEqualTo("{VALID}");
        assertThat(jdbc.queryForList("SELECT u.slot || '=' || u.code FROM ci_mapped_record CROSS JOIN LATERAL"
                + " unnest(unmapped_slots, unmapped_codes) u (slot, code) WHERE source_record_id = 'P\t1'", String.class))
                .containsExactly("ethnicity=ZZ", "need code=Z\"9\\,}");
        Map<String, Object> rejected = copied.get(1);
        assertThat(rejected.get("reason")).isEqualTo("NO_NAME");
        assertThat(rejected.get("record")).isNull();
        assertThat(rejected.get("ethnicity")).isNull();
        assertThat(rejected.get("unmapped_codes")).isNull();
        assertThat(rejected.get("encode")).isNull();
        Map<String, Object> merged = copied.get(2);
        assertThat(merged.get("merge_target")).isEqualTo("P\t1");
        assertThat(merged.get("encode")).as("only candidates get a match view").isNull();
    }
}
