package uk.gov.bcpcouncil.clientindex.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.support.KeyedTestTable;

/**
 * The side transaction's work is one transaction of its own, on its own connection: invisible to others until
 * {@link SideTransaction#commit}, then all there; a failing piece, or closing without committing, leaves nothing.
 */
class SideTransactionIntegrationTest {

    static KeyedTestTable table;
    static DataSource target;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        table = KeyedTestTable.create("side_test");
        target = table.target();
        jdbc = table.jdbc();
    }

    @AfterAll
    static void stop() {
        table.close();
    }

    @BeforeEach
    void empty() {
        table.empty();
    }

    private static SideTransaction.Work insert(String key) {
        return () -> new JdbcTemplate(target).update("INSERT INTO side_test (run_id, k, v) VALUES ('r', ?, 'v')", key);
    }

    private static int rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM side_test", Integer.class);
    }

    @Test
    void itsWorkIsOneTransactionSeenOnlyOnceCommitted() throws Exception {
        try (SideTransaction side = new SideTransaction(target, "side", 1)) {
            for (int i = 0; i < 5; i++) {
                side.submit(insert("k" + i));
            }
            side.submit(() -> assertThat(new JdbcTemplate(target).queryForObject("SELECT COUNT(*) FROM side_test",
                    Integer.class)).as("its own rows, on its own connection").isEqualTo(5));
            assertThat(rows()).as("not committed yet").isZero();
            side.commit();
        }
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void aFailingPieceRollsEverythingBackAndCommitSaysWhy() throws Exception {
        try (SideTransaction side = new SideTransaction(target, "side", 1)) {
            side.submit(insert("a"));
            side.submit(insert("a")); // the primary key refuses it
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    side.submit(insert("b" + i));
                }
                side.commit();
            }).hasMessageContaining("duplicate key");
        }
        assertThat(rows()).isZero();
    }

    @Test
    void closedWithoutCommittingNothingStays() throws Exception {
        try (SideTransaction side = new SideTransaction(target, "side", 4)) {
            side.submit(insert("a"));
            side.submit(insert("b"));
        }
        assertThat(rows()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'"
                + " AND datname = current_database()", Integer.class)).as("its connection was released").isZero();
    }
}
