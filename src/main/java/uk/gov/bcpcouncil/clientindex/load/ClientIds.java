package uk.gov.bcpcouncil.clientindex.load;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client index ID format. Fixed forever: IDs are printed on letters and quoted in other systems.
 *
 * <p>An ID is {@code BCP}, then the sequence number as 8 zero-padded digits (1 to 99,999,999), then one
 * check character computed with ISO/IEC 7064 MOD 11-2 over those 8 digits (check value 10 is written
 * {@code X}); e.g. sequence 1 is {@code BCP00000001X} and 2 is {@code BCP000000028}. The check character detects every single-character
 * substitution and every transposition of two adjacent different characters.
 *
 * <p>{@link #format(long)} always writes the prefix and {@code X} in upper case; {@link #isValid(String)}
 * and {@link #sequenceOf(String)} also accept them in lower case, but never surrounding whitespace or
 * separators.
 *
 * <p>Thread safety: stateless; all methods are safe to call from any number of threads.
 */
public final class ClientIds {

    /** Smallest sequence number. */
    public static final long MIN_SEQUENCE = 1L;
    /** Largest sequence number. */
    public static final long MAX_SEQUENCE = 99_999_999L;

    private static final String PREFIX = "BCP";
    private static final Pattern FORMAT = Pattern.compile("(?i)BCP[0-9]{8}[0-9X]");

    private ClientIds() {
    }

    /**
     * Writes the ID for a sequence number.
     *
     * @param sequence from {@link #MIN_SEQUENCE} to {@link #MAX_SEQUENCE}
     * @return the 12-character ID
     * @throws IllegalArgumentException if {@code sequence} is out of range
     */
    public static String format(long sequence) {
        if (sequence < MIN_SEQUENCE || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range 1..99999999: " + sequence);
        }
        String digits = String.format(Locale.ROOT, "%08d", sequence);
        return PREFIX + digits + checkChar(digits);
    }

    /**
     * Whether a string is a well-formed client index ID with the correct check character.
     *
     * @param id the candidate; may be null
     * @return true only for {@code BCP} (any case) + 8 digits not all zero + the correct check character
     *         ({@code X} in either case)
     */
    public static boolean isValid(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) {
            return false;
        }
        String digits = id.substring(3, 11);
        return Character.toUpperCase(id.charAt(11)) == checkChar(digits) && Long.parseLong(digits) >= MIN_SEQUENCE;
    }

    /**
     * Reads the sequence number back from an ID.
     *
     * @param id a valid ID
     * @return its sequence number
     * @throws IllegalArgumentException if {@code id} is not {@link #isValid(String) valid}
     */
    public static long sequenceOf(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a valid client index ID: " + id);
        }
        return Long.parseLong(id.substring(3, 11));
    }

    /**
     * ISO/IEC 7064 MOD 11-2 check character for a string of ASCII digits (package-private for tests).
     */
    static char checkChar(CharSequence digits) {
        int p = 0;
        for (int i = 0; i < digits.length(); i++) {
            p = (p + digits.charAt(i) - '0') * 2 % 11;
        }
        int check = (12 - p) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }
}
