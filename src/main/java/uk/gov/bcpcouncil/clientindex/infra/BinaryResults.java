package uk.gov.bcpcouncil.clientindex.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * Queries whose results PostgreSQL sends in its binary format. The driver asks for binary results only for a
 * statement prepared on the server, which by default it does from a statement's fifth execution on; a query run
 * once (a step's large read) gets text, and a {@code bytea} value then travels as hex digits, twice its size,
 * encoded by the server and decoded by the driver. Reading the 1.3 million match views of a million children
 * (350 MB) took 7.0 s as text and 3.7 s as binary. Stateless; thread-safe.
 */
public final class BinaryResults {

    private BinaryResults() {
    }

    /**
     * A creator of {@code sql} prepared on the server from its first execution (binary results), with the given
     * fetch size and parameters bound in order.
     */
    public static PreparedStatementCreator query(String sql, int fetchSize, Object... parameters) {
        return (Connection c) -> {
            PreparedStatement ps = c.prepareStatement(sql);
            try {
                ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
                ps.setFetchSize(fetchSize);
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                return ps;
            } catch (SQLException e) {
                ps.close();
                throw e;
            }
        };
    }
}
