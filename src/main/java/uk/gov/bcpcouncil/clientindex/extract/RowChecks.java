package uk.gov.bcpcouncil.clientindex.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The checks every legacy value passes before it is staged. A value that fails makes its row malformed: the
 * row is staged with the reason under {@link #MALFORMED} (naming the field, never quoting the value), the
 * value itself is dropped, and the row becomes a reject that counts against its source's
 * {@code reject-limit}:
 * <ul>
 * <li>bytes that are not valid in the source's encoding (Windows-1252 for Christchurch, UTF-8 for the
 * databases): a decoder that met them left U+FFFD, or the bytes do not decode;</li>
 * <li>control characters (U+0000-U+001F, U+007F-U+009F), tab and line breaks included;</li>
 * <li>values longer than {@value #MAX_VALUE_LENGTH} characters.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RowChecks {

    /** The key of the reason a row is malformed, in its staged data. */
    public static final String MALFORMED = "_malformed";
    /** The longest value staged; no legacy field legitimately comes near it. */
    public static final int MAX_VALUE_LENGTH = 1000;

    private RowChecks() {
    }

    /** Why {@code value} of {@code field} cannot be staged, or null when it can. */
    public static String problem(String field, String value, String encoding) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return field + " is " + value.length() + " characters long, over the limit of " + MAX_VALUE_LENGTH;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\uFFFD') {
                return field + " holds bytes that are not valid " + encoding;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return field + " holds a control character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")";
            }
        }
        return null;
    }

    /** Strictly decodes UTF-8 bytes (a binary column), or returns null when they are not valid UTF-8. */
    public static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Checks every value of {@code data} in place: a failing value is replaced by null and the first reason is
     * recorded under {@link #MALFORMED} (unless the row already has one). Returns the reason, or null.
     */
    public static String checkAll(Map<String, String> data, String encoding) {
        String first = data.get(MALFORMED);
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (e.getKey().equals(MALFORMED)) {
                continue;
            }
            String why = problem(e.getKey(), e.getValue(), encoding);
            if (why != null) {
                e.setValue(null);
                if (first == null) {
                    first = why;
                }
            }
        }
        if (first != null) {
            data.put(MALFORMED, first);
        }
        return first;
    }
}
