package uk.gov.bcpcouncil.clientindex.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.support.KeyedTestTable;


/**
 * A new chunk is copied; a chunk written before (wholly or in part) is refused with nothing of it written and the
 * transaction still usable, so the writer's upsert can replace the rows; other errors still fail the chunk.
 */
class CopyFirstIntegrationTest {

    static final List<String> COLUMNS = List.of("run_id", "k", "v");
    static final String UPSERT = KeyedTestTable.upsertInto("copy_first_test");

    static KeyedTestTable table;
    static DataSource target;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;

    @BeforeAll
    static void start() {
        table = KeyedTestTable.create("copy_first_test");
        target = table.target();
        jdbc = table.jdbc();
        tx = table.tx();
    }

    @AfterAll
    static void stop() {
        table.close();
    }

    @BeforeEach
    void empty() {
        table.empty();
    }

    /** The writers' pattern: COPY first (in the text or the binary format), the upsert when refused. */
    enum Format {
        TEXT, BINARY;

        boolean write(String[] keys, String[] values) {
            boolean copied;
            if (this == TEXT) {
                copied = CopyFirst.write(target, "copy_first_test", COLUMNS, copy -> {
                    for (int i = 0; i < keys.length; i++) {
                        copy.add("r").add(keys[i]).add(values[i]);
                        copy.endRow();
                    }
                });
            } else {
                BinaryCopyRows rows = new BinaryCopyRows(256);
                for (int i = 0; i < keys.length; i++) {
                    rows.row(COLUMNS.size()).text("r").text(keys[i]).text(values[i]);
                }
                copied = CopyFirst.write(target, "copy_first_test", COLUMNS, rows);
            }
            if (!copied) {
                ArrayUpsert.run(jdbc, UPSERT, "r", keys, values);
            }
            return copied;
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aReplayedChunkInATransactionLeavesOneRowPerKeyWithItsValues(Format format) {
        tx.executeWithoutResult(s -> assertThat(format.write(new String[] {"1", "2"}, new String[] {"a", "b\tc\\d"}))
                .isTrue());
        tx.executeWithoutResult(s -> {
            assertThat(format.write(new String[] {"3", "2"}, new String[] {"C", "B"})).isFalse();
            // the transaction is usable after the refused COPY, and sees the chunk
            jdbc.update("INSERT INTO copy_first_test (run_id, k, v) VALUES ('r', '4', 'd')");
        });
        assertThat(rows()).containsExactly(Map.entry("1", "a"), Map.entry("2", "B"), Map.entry("3", "C"),
                Map.entry("4", "d"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aNewChunkIsCopiedAsItIs(Format format) {
        tx.executeWithoutResult(s -> assertThat(format.write(new String[] {"1", "2"}, new String[] {"a", "b\tc\\d\nÆ"}))
                .isTrue());
        assertThat(rows()).containsExactly(Map.entry("1", "a"), Map.entry("2", "b\tc\\d\nÆ"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aReplayOutsideATransactionAlsoReplacesTheRows(Format format) {
        assertThat(format.write(new String[] {"1"}, new String[] {"a"})).isTrue();
        assertThat(format.write(new String[] {"1", "2"}, new String[] {"A", "b"})).isFalse();
        assertThat(rows()).containsExactly(Map.entry("1", "A"), Map.entry("2", "b"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void otherErrorsStillFail(Format format) {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> format.write(new String[] {"1"}, new String[] {null})))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rows()).isEmpty();
    }

    private static List<Map.Entry<String, String>> rows() {
        return jdbc.query("SELECT k, v FROM copy_first_test ORDER BY k", (rs, n) -> Map.entry(rs.getString(1),
                rs.getString(2)));
    }
}
