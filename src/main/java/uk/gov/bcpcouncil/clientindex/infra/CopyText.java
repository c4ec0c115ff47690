package uk.gov.bcpcouncil.clientindex.infra;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL {@code COPY} text format, the one encoding {@link PgCopy} and {@link CopyRows} share: fields
 * separated by tabs, rows ended by a newline, backslash, tab, newline and carriage return escaped, {@code null} as
 * {@code \N}. Values are data, never SQL. The rows are kept as UTF-8 bytes as they are added (each value encoded
 * once, the buffer sent as it is), not as text encoded again at each send. Not thread-safe: one owner at a time.
 */
final class CopyText {

    private byte[] buffer;
    private int length;
    private boolean firstInRow = true;

    CopyText(int capacity) {
        buffer = new byte[Math.max(capacity, 16)];
    }

    void add(String value) {
        if (!firstInRow) {
            put((byte) '\t');
        }
        firstInRow = false;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return;
        }
        // UTF-8 encodes every character above U+007F with bytes of 0x80 and above, so the four ASCII characters to
        // escape can be found among the encoded bytes
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int plain = 0;
        while (plain < bytes.length && !special(bytes[plain])) {
            plain++;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, plain); // most values hold nothing to escape: copied in one go
        length += plain;
        for (int i = plain; i < bytes.length; i++) {
            byte b = bytes[i];
            switch (b) {
                case '\\' -> escaped((byte) '\\');
                case '\t' -> escaped((byte) 't');
                case '\n' -> escaped((byte) 'n');
                case '\r' -> escaped((byte) 'r');
                default -> put(b);
            }
        }
    }

    private static boolean special(byte b) {
        return b == '\\' || b == '\t' || b == '\n' || b == '\r';
    }

    private void escaped(byte b) {
        put((byte) '\\');
        put(b);
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    void endRow() {
        put((byte) '\n');
        firstInRow = true;
    }

    /** The bytes encoded so far. */
    int length() {
        return length;
    }

    /** The buffer holding the rows so far in its first {@link #length()} bytes (not a copy: read before adding). */
    byte[] array() {
        return buffer;
    }

    /** Empties the buffer (keeping its capacity). */
    void clear() {
        length = 0;
    }

    /** The rows so far as UTF-8, and an empty buffer. */
    byte[] drain() {
        byte[] bytes = Arrays.copyOf(buffer, length);
        length = 0;
        return bytes;
    }
}
