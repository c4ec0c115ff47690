package uk.gov.bcpcouncil.clientindex.infra;

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
    private final CopyText text = new CopyText(FLUSH_AT + 4096);
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
        text.add(value);
        return this;
    }

    public PgCopy add(LocalDate date) {
        return add(date == null ? null : date.toString());
    }

    public PgCopy add(long value) {
        return add(Long.toString(value));
    }

    /** Ends the current row. */
    public void endRow() {
        text.endRow();
        rows++;
        if (text.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() {
        if (text.length() > 0) {
            try {
                copy.writeToCopy(text.array(), 0, text.length());
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed", e);
            }
            text.clear();
        }
    }

    /** Sends rows already encoded in COPY text format ({@link CopyRows}). */
    void write(byte[] encoded) {
        try {
            copy.writeToCopy(encoded, 0, encoded.length);
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
