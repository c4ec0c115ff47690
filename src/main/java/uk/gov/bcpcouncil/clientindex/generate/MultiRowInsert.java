package uk.gov.bcpcouncil.clientindex.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers rows for one table and inserts them with multi-row {@code INSERT ... VALUES (...), (...)}
 * statements of up to {@code rowsPerStatement} rows, which is fast on MySQL and MariaDB without
 * {@code rewriteBatchedStatements}. Not thread-safe; the caller commits.
 */
final class MultiRowInsert implements AutoCloseable {

    private final Connection connection;
    private final String prefix;
    private final String rowPlaceholders;
    private final int columns;
    private final int rowsPerStatement;
    private final List<Object[]> buffer;
    private PreparedStatement fullStatement;
    private long rowsWritten;

    MultiRowInsert(Connection connection, String table, List<String> columns, int rowsPerStatement) {
        this.connection = connection;
        this.prefix = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.rowPlaceholders = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        this.columns = columns.size();
        this.rowsPerStatement = rowsPerStatement;
        this.buffer = new ArrayList<>(rowsPerStatement);
    }

    void add(Object... row) throws SQLException {
        if (row.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + row.length);
        }
        buffer.add(row);
        if (buffer.size() == rowsPerStatement) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        if (buffer.size() == rowsPerStatement) {
            if (fullStatement == null) {
                fullStatement = connection.prepareStatement(sql(rowsPerStatement));
            }
            execute(fullStatement);
        } else {
            try (PreparedStatement partial = connection.prepareStatement(sql(buffer.size()))) {
                execute(partial);
            }
        }
    }

    long rowsWritten() {
        return rowsWritten;
    }

    private void execute(PreparedStatement statement) throws SQLException {
        int p = 1;
        for (Object[] row : buffer) {
            for (Object value : row) {
                statement.setObject(p++, value);
            }
        }
        statement.executeUpdate();
        rowsWritten += buffer.size();
        buffer.clear();
    }

    private String sql(int rows) {
        StringBuilder sql = new StringBuilder(prefix.length() + rows * (rowPlaceholders.length() + 2));
        sql.append(prefix);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(rowPlaceholders);
        }
        return sql.toString();
    }

    @Override
    public void close() throws SQLException {
        if (fullStatement != null) {
            fullStatement.close();
        }
    }
}
