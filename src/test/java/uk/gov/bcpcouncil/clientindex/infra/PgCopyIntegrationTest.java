package uk.gov.bcpcouncil.clientindex.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/** Every value, escaped or not, reaches PostgreSQL exactly as given, null as SQL NULL. */
class PgCopyIntegrationTest {

    static TestEnvironment env;
    static DataSource target;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        target = env.targetAdmin();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void valuesArriveExactlyAsGiven() {
        List<String> values = Arrays.asList("plain", "", null, "back\\slash", "\\", "tab\there", "\t", "line\nbreak",
                "cr\rlf\r\n", "ends with \\", "\\N", "mixed \\ \t \n \r end", "Zoë Ó'Brien – ünïcode ✓",
                "x".repeat(300_000));
        JdbcTemplate jdbc = new JdbcTemplate(target);
        jdbc.execute("CREATE TABLE pgcopy_test (n int, v text)");
        new TransactionTemplate(new DataSourceTransactionManager(target)).executeWithoutResult(s -> {
            try (PgCopy copy = PgCopy.into(target, "pgcopy_test", List.of("n", "v"))) {
                for (int i = 0; i < values.size(); i++) {
                    copy.add(i).add(values.get(i));
                    copy.endRow();
                }
                copy.finish();
            }
        });
        List<String> back = new ArrayList<>();
        jdbc.query("SELECT v FROM pgcopy_test ORDER BY n", rs -> {
            back.add(rs.getString(1));
        });
        assertThat(back).containsExactlyElementsOf(values);
    }
}
