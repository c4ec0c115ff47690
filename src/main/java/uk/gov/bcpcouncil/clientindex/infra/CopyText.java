package uk.gov.bcpcouncil.clientindex.infra;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL {@code COPY} text format, the one encoding {@link PgCopy} and {@link CopyRows} share: fields
 * separated by tabs, rows ended by a newline, backslash, tab, newline and carriage return escaped, {@code null} as
 * {@code \N}. Values are data, never SQL. Not thread-safe: one owner at a time.
 */
final class CopyText {

    private final StringBuilder buffer;
    private boolean firstInRow = true;

    CopyText(int capacity) {
        buffer = new StringBuilder(capacity);
    }

    void add(String value) {
        if (!firstInRow) {
            buffer.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            buffer.append("\\N");
            return;
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
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    void endRow() {
        buffer.append('\n');
        firstInRow = true;
    }

    int length() {
        return buffer.length();
    }

    /** The rows so far as UTF-8, and an empty buffer. */
    byte[] drain() {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        return bytes;
    }
}
