package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class DatabaseFaultsTest {

    @Test
    void connectionLossesServerShutdownsAndPoolTimeoutsAreTransient() {
        assertThat(DatabaseFaults.isTransient(new UncategorizedSQLException("write", "INSERT",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseFaults.isTransient(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseFaults.isTransient(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool - Connection is not available, request timed out")))).isTrue();
        assertThat(DatabaseFaults.isTransient(new IllegalStateException("read",
                new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(DatabaseFaults.isTransient(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void dataAndProgrammingErrorsAreNotTransient() {
        assertThat(DatabaseFaults.isTransient(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseFaults.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void describesAFailureWithoutTheValuesADatabaseErrorEchoes() {
        String text = DatabaseFaults.describe(new DataIntegrityViolationException("PreparedStatementCallback",
                new SQLException("ERROR: duplicate key value violates unique constraint \"ci_pk\"\n"
                        + "  Detail: Key (family_name, birth_date)=(Smith, 2015-03-01) already exists.", "23505")));

        assertThat(text).contains("duplicate key value violates unique constraint", "SQLState 23505")
                .doesNotContain("Smith", "2015-03-01", "Detail");
        assertThat(DatabaseFaults.redact("invalid input syntax for type date: \"31/02/2015\"; name 'Olivia'"))
                .isEqualTo("invalid input syntax for type date: \"…\"; name '…'");
        assertThat(DatabaseFaults.redact("Key (nhs)=(9434765919) already exists")).doesNotContain("9434765919");
    }
}
