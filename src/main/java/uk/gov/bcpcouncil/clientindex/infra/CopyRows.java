package uk.gov.bcpcouncil.clientindex.infra;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

/**
 * Rows encoded for PostgreSQL {@code COPY ... FROM STDIN} ({@link CopyText}, the encoding {@link PgCopy} uses)
 * without a connection, so they can be encoded on a worker thread and sent later, in order, by the thread that
 * owns the transaction ({@link #send}). Values are sent as data, never as SQL.
 * <p>Thread safety: an instance is filled by one thread and then handed over (safely published, e.g. through
 * a {@link java.util.concurrent.Future}) to the sending thread; it is not for concurrent use.
 */
public final class CopyRows {

    private CopyText text;
    private byte[] encoded;
    private long rows;

    public CopyRows(int capacity) {
        text = new CopyText(capacity);
    }

    public CopyRows add(String value) {
        if (text == null) {
            throw new IllegalStateException("rows already sealed");
        }
        text.add(value);
        return this;
    }

    public CopyRows add(LocalDate date) {
        return add(date == null ? null : date.toString());
    }

    public CopyRows add(long value) {
        return add(Long.toString(value));
    }

    /** Ends the current row. */
    public void endRow() {
        text.endRow();
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
            encoded = text.drain();
            text = null;
        }
        return this;
    }

    /**
     * Sends the rows with one {@code COPY table (columns) FROM STDIN} ({@link PgCopy}, on the connection of the
     * current Spring transaction, so they commit or roll back with it); table and column names are code constants.
     * Does nothing when there are no rows. Returns the rows the server stored.
     */
    public long send(DataSource dataSource, String table, List<String> columns) {
        if (rows == 0) {
            return 0;
        }
        try (PgCopy copy = PgCopy.into(dataSource, table, columns)) {
            copy.write(seal().encoded);
            return copy.finish();
        }
    }
}
