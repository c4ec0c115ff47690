package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises and checks the format of UK postcodes.
 *
 * <p>Rules, in order (domain brief section 1.5):
 * <ol>
 *   <li>null or blank: {@link IdentifierStatus#ABSENT};</li>
 *   <li>the value is upper-cased and all whitespace removed; then, if longer than three characters, one
 *       space is inserted before the last three (so {@code "bh11aa"} and {@code "BH1  1AA"} both become
 *       {@code "BH1 1AA"});</li>
 *   <li>{@code NFA} (no fixed abode, any case or spacing): {@link IdentifierStatus#SPECIAL}, normalised
 *       {@code "NFA"};</li>
 *   <li>an NHS {@code ZZ99} pseudo postcode ({@code ZZ99} + digit + two letters):
 *       {@link IdentifierStatus#SPECIAL};</li>
 *   <li>matches the BS 7666 format (including {@code GIR 0AA}): {@link IdentifierStatus#VALID};</li>
 *   <li>otherwise {@link IdentifierStatus#INVALID_FORMAT}.</li>
 * </ol>
 * VALID means well formed only, not that the postcode exists, nor which local authority it is in (a BH
 * postcode is not necessarily in BCP); use the ONS Postcode Directory for that.
 *
 * <p>Thread safety: stateless; all methods are safe to call from any number of threads.
 */
public final class Postcodes {

    /** Java restatement of the BS 7666 PostCodeType pattern (domain brief 1.5; allows P in A9A). */
    private static final Pattern FORMAT = Pattern.compile(
            "GIR 0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
                    + "|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}");
    private static final Pattern PSEUDO = Pattern.compile("ZZ99 [0-9][A-Z]{2}");
    private static final String NO_FIXED_ABODE = "NFA";

    private Postcodes() {
    }

    /**
     * {@code s.replaceAll("[\\s\\p{Z}]+", "")} without a matcher: the characters of {@code \\s} and of
     * {@code \\p{Z}} (Unicode space separators) removed.
     */
    static String withoutWhitespace(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                    || Character.isSpaceChar(c);
            if (space && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!space && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Normalises and checks a raw postcode.
     *
     * @param raw the value as recorded; may be null
     * @return the check result, never null
     */
    public static IdentifierCheck check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new IdentifierCheck(raw, null, IdentifierStatus.ABSENT);
        }
        String compact = withoutWhitespace(raw).toUpperCase(Locale.ROOT);
        if (compact.isEmpty()) {
            return new IdentifierCheck(raw, null, IdentifierStatus.ABSENT);
        }
        if (NO_FIXED_ABODE.equals(compact)) {
            return new IdentifierCheck(raw, NO_FIXED_ABODE, IdentifierStatus.SPECIAL);
        }
        String spaced = compact.length() > 3
                ? compact.substring(0, compact.length() - 3) + ' ' + compact.substring(compact.length() - 3)
                : compact;
        IdentifierStatus status;
        if (PSEUDO.matcher(spaced).matches()) {
            status = IdentifierStatus.SPECIAL;
        } else if (FORMAT.matcher(spaced).matches()) {
            status = IdentifierStatus.VALID;
        } else {
            status = IdentifierStatus.INVALID_FORMAT;
        }
        return new IdentifierCheck(raw, spaced, status);
    }
}
