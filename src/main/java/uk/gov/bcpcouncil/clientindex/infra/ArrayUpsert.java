package uk.gov.bcpcouncil.clientindex.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a chunk's upsert as one statement: {@code INSERT ... SELECT ?, ... FROM unnest(?::text[], ...) ON CONFLICT
 * ...}, the run ID as the first parameter and one text array per column after it. One round trip per chunk, and
 * the conflict is found on the primary key whatever the table's planner statistics. Stateless and thread-safe;
 * runs in the caller's transaction.
 */
public final class ArrayUpsert {

    private ArrayUpsert() {
    }

    /** @return the rows inserted or updated */
    public static int run(JdbcTemplate jdbc, String sql, String runId, String[]... columns) {
        Integer rows = jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                ps.setString(1, runId);
                for (int c = 0; c < columns.length; c++) {
                    ps.setArray(c + 2, con.createArrayOf("text", columns[c]));
                }
                return ps.executeUpdate();
            }
        });
        return rows == null ? 0 : rows;
    }
}
