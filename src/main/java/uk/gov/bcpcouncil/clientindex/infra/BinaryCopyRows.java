package uk.gov.bcpcouncil.clientindex.infra;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.ObjectWriter;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, for the golden records of {@code ci_client}, the mapped
 * records of {@code ci_mapped_record} and the staged rows of {@code ci_stg_row}: each field is
 * sent with its length, so the server neither scans the rows for delimiters nor unescapes them, and a record's
 * JSON goes from Jackson's UTF-8 output straight into the buffer (no {@code String}, no escaping, no second
 * encoding). The values the server stores are the ones the text format gave: text as UTF-8, a date as its
 * days since 2000-01-01, an {@code int4}, {@code json} as its text (checked by the server as from the text format),
 * {@code text[]} as its elements with their lengths, {@code bytea} as its bytes (no hex digits), a {@code boolean}
 * as one byte. Values are data, never SQL; the field types must match the columns'.
 * <p>Filled by one thread, then handed over (safely published, e.g. through a {@link java.util.concurrent.Future})
 * to the thread that sends it in its transaction ({@link #send}); not for concurrent use.
 */
public final class BinaryCopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0}; // header extension length
    private static final long EPOCH_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    /** The type of a {@code text[]} field's elements. */
    private static final int TEXT_OID = 25;

    private final Buffer buffer;
    private long rows;

    public BinaryCopyRows(int capacity) {
        buffer = new Buffer(Math.max(64, capacity));
        buffer.write(HEADER, 0, HEADER.length);
    }

    /** Starts a row of {@code fields} fields. */
    public BinaryCopyRows row(int fields) {
        buffer.int16(fields);
        rows++;
        return this;
    }

    public BinaryCopyRows text(String value) {
        if (value == null) {
            buffer.int32(-1);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buffer.int32(bytes.length);
            buffer.write(bytes, 0, bytes.length);
        }
        return this;
    }

    public BinaryCopyRows date(LocalDate value) {
        if (value == null) {
            buffer.int32(-1);
        } else {
            buffer.int32(4);
            buffer.int32(Math.toIntExact(value.toEpochDay() - EPOCH_2000));
        }
        return this;
    }

    public BinaryCopyRows int4(int value) {
        buffer.int32(4);
        buffer.int32(value);
        return this;
    }

    /** A {@code boolean} field: one byte, 1 for true. */
    public BinaryCopyRows bool(boolean value) {
        buffer.int32(1);
        buffer.write(value ? 1 : 0);
        return this;
    }

    /** {@code count} SQL nulls, whatever the fields' types (a null carries no type in the binary format). */
    public BinaryCopyRows nulls(int count) {
        for (int i = 0; i < count; i++) {
            buffer.int32(-1);
        }
        return this;
    }

    /** A {@code bytea} field: the bytes as they are (null for SQL null). */
    public BinaryCopyRows bytea(byte[] value) {
        if (value == null) {
            buffer.int32(-1);
        } else {
            buffer.int32(value.length);
            buffer.write(value, 0, value.length);
        }
        return this;
    }

    /**
     * A {@code json} field: {@code value} as JSON, written by {@code writer} as UTF-8 into the buffer (SQL null for a
     * null value). The server checks that it is JSON and stores the text as it is.
     */
    public BinaryCopyRows json(ObjectWriter writer, Object value) {
        if (value == null) {
            buffer.int32(-1);
            return this;
        }
        int lengthAt = buffer.size();
        buffer.int32(0); // patched below
        writer.writeValue(buffer, value);
        buffer.int32At(lengthAt, buffer.size() - lengthAt - 4);
        return this;
    }

    /**
     * A {@code text[]} field of one dimension: the values in order, an element null for SQL null; SQL null for a null
     * or empty list.
     */
    public BinaryCopyRows textArray(List<String> values) {
        if (values == null || values.isEmpty()) {
            buffer.int32(-1);
            return this;
        }
        int lengthAt = buffer.size();
        buffer.int32(0); // patched below
        buffer.int32(1); // dimensions
        boolean nulls = false;
        for (String v : values) { // not List.contains(null): an immutable list refuses to look for null
            nulls |= v == null;
        }
        buffer.int32(nulls ? 1 : 0);
        buffer.int32(TEXT_OID);
        buffer.int32(values.size());
        buffer.int32(1); // lower bound
        for (String v : values) {
            text(v);
        }
        buffer.int32At(lengthAt, buffer.size() - lengthAt - 4);
        return this;
    }

    public long rows() {
        return rows;
    }

    /**
     * Sends the rows with one {@code COPY table (columns) FROM STDIN (FORMAT binary)} on the connection of the
     * current Spring transaction, so they commit or roll back with it; table and column names are code
     * constants. Does nothing when there are no rows. Returns the rows the server stored.
     */
    public long send(DataSource dataSource, String table, List<String> columns) {
        if (rows == 0) {
            return 0;
        }
        buffer.int16(-1); // trailer
        Connection c = DataSourceUtils.getConnection(dataSource);
        CopyIn copy = null;
        try {
            copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)");
            copy.writeToCopy(buffer.bytes(), 0, buffer.size());
            return copy.endCopy();
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

    /** A growable byte buffer; also the stream Jackson writes a record's JSON into (closing it does nothing). */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void int16(int v) {
            room(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int32(int v) {
            room(4);
            int32At(size, v);
            size += 4;
        }

        void int32At(int at, int v) {
            bytes[at] = (byte) (v >>> 24);
            bytes[at + 1] = (byte) (v >>> 16);
            bytes[at + 2] = (byte) (v >>> 8);
            bytes[at + 3] = (byte) v;
        }

        int size() {
            return size;
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
