package uk.gov.bcpcouncil.clientindex.infra;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk writes with PostgreSQL {@code COPY ... FROM STDIN} (text format) on the connection of the current
 * Spring transaction, so a chunk's COPY commits or rolls back with its checkpoint. Rows are encoded and
 * sent in buffers of about 256 KB, so memory stays bounded whatever the row count. Values are sent as
 * data, never as SQL: text-format escaping of backslash, tab, newline and carriage return; {@code null}
 * as {@code \N}. One instance per COPY; not thread-safe.
 */
public final class PgCopy implements AutoCloseable {

    private static final int FLUSH_AT = 256 * 1024;

    private final DataSource dataSource;
    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstInRow = true;
    private long rows;
    private boolean done;

    private PgCopy(DataSource dataSource, Connection connection, CopyIn copy) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN}; table and column names are code constants. */
    public static PgCopy into(DataSource dataSource, String table, List<String> columns) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            return new PgCopy(dataSource, c, copy);
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(c, dataSource);
            throw new IllegalStateException("cannot start COPY into " + table, e);
        }
    }

    public PgCopy add(String value) {
        if (!firstInRow) {
            buffer.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        buffer.append(value, 0, plain); // most values hold nothing to escape: appended in one go
        for (int i = plain; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(ch);
            }
        }
        return this;
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    public PgCopy add(LocalDate date) {
        return add(date == null ? null : date.toString());
    }

    public PgCopy add(long value) {
        return add(Long.toString(value));
    }

    /** Ends the current row. */
    public void endRow() {
        buffer.append('\n');
        firstInRow = true;
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
    }

    /** Sends the rest and ends the COPY; returns the rows the server stored. */
    public long finish() {
        flush();
        try {
            long stored = copy.endCopy();
            done = true;
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the transaction rolls back anyway
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
