package uk.gov.bcpcouncil.clientindex.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.support.KeyedTestTable;


/**
 * A chunk written again (wholly or in part) leaves one row per key with the last values, in a transaction (the
 * insert-first path falls back to the upsert after rolling back to its savepoint, and the transaction goes on) and
 * outside one; other errors still fail the chunk.
 */
class ArrayUpsertIntegrationTest {

    static final String UPSERT = KeyedTestTable.upsertInto("upsert_test");

    static KeyedTestTable table;
    static DataSource target;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;

    @BeforeAll
    static void start() {
        table = KeyedTestTable.create("upsert_test");
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

    @Test
    void aReplayedChunkInATransactionLeavesOneRowPerKeyWithItsValues() {
        tx.executeWithoutResult(s -> ArrayUpsert.run(jdbc, UPSERT, "r", new String[] {"1", "2"},
                new String[] {"a", "b"}));
        tx.executeWithoutResult(s -> {
            int rows = ArrayUpsert.run(jdbc, UPSERT, "r", new String[] {"2", "3"}, new String[] {"B", "C"});
            assertThat(rows).isEqualTo(2);
            // the transaction is usable after the fallback, and sees the chunk
            jdbc.update("INSERT INTO upsert_test (run_id, k, v) VALUES ('r', '4', 'd')");
        });
        assertThat(rows()).containsExactly(Map.entry("1", "a"), Map.entry("2", "B"), Map.entry("3", "C"),
                Map.entry("4", "d"));
    }

    @Test
    void aReplayOutsideATransactionAlsoReplacesTheRows() {
        ArrayUpsert.run(jdbc, UPSERT, "r", new String[] {"1"}, new String[] {"a"});
        ArrayUpsert.run(jdbc, UPSERT, "r", new String[] {"1", "2"}, new String[] {"A", "b"});
        assertThat(rows()).containsExactly(Map.entry("1", "A"), Map.entry("2", "b"));
    }

    @Test
    void otherErrorsStillFail() {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> ArrayUpsert.run(jdbc, UPSERT, "r",
                new String[] {"1"}, new String[] {null}))).hasMessageContaining("upsert_test");
        assertThat(rows()).isEmpty();
    }

    private static List<Map.Entry<String, String>> rows() {
        return jdbc.query("SELECT k, v FROM upsert_test ORDER BY k", (rs, n) -> Map.entry(rs.getString(1),
                rs.getString(2)));
    }
}
