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
 * Rows encoded for PostgreSQL {@code COPY ... FROM STDIN} (text format, the same escaping as {@link PgCopy}:
 * backslash, tab, newline and carriage return escaped, {@code null} as {@code \N}) without a connection, so
 * they can be encoded on a worker thread and sent later, in order, by the thread that owns the transaction
 * ({@link #send}). Values are sent as data, never as SQL.
 * <p>Thread safety: an instance is filled by one thread and then handed over (safely published, e.g. through
 * a {@link java.util.concurrent.Future}) to the sending thread; it is not for concurrent use.
 */
public final class CopyRows {

    private StringBuilder buffer;
    private byte[] encoded;
    private boolean firstInRow = true;
    private long rows;

    public CopyRows(int capacity) {
        buffer = new StringBuilder(capacity);
    }

    public CopyRows add(String value) {
        if (buffer == null) {
            throw new IllegalStateException("rows already sealed");
        }
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
        buffer.append(value, 0, plain);
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

    public CopyRows add(LocalDate date) {
        return add(date == null ? null : date.toString());
    }

    public CopyRows add(long value) {
        return add(Long.toString(value));
    }

    /** Ends the current row. */
    public void endRow() {
        buffer.append('\n');
        firstInRow = true;
        rows++;
    }

    public long rows() {
        return rows;
    }

    /**
     * Encodes the rows as UTF-8 now (e.g. on the worker that filled them, so the sending thread only sends);
     * no row can be added afterwards. Returns this.
     */
    public CopyRows seal() {
        if (encoded == null) {
            encoded = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer = null;
        }
        return this;
    }

    /**
     * Sends the rows with one {@code COPY table (columns) FROM STDIN} on the connection of the current Spring
     * transaction (so they commit or roll back with it); table and column names are code constants. Does
     * nothing when there are no rows. Returns the rows the server stored.
     */
    public long send(DataSource dataSource, String table, List<String> columns) {
        if (rows == 0) {
            return 0;
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        CopyIn copy = null;
        try {
            copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            byte[] bytes = seal().encoded;
            copy.writeToCopy(bytes, 0, bytes.length);
            long stored = copy.endCopy();
            copy = null;
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed", e);
        } finally {
            try {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction rolls back anyway
            } finally {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
        }
    }
}
