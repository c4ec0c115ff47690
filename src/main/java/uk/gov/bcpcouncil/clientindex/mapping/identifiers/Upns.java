package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import java.util.Locale;
import java.util.Set;

import uk.gov.bcpcouncil.clientindex.mapping.ListResource;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Unique Pupil Numbers (UPN, and Former UPN) with the DfE modulus 23 check letter.
 *
 * <p>Rules, in order (domain brief section 1.2):
 * <ol>
 *   <li>null or blank: {@link IdentifierStatus#ABSENT};</li>
 *   <li>the value is trimmed and upper-cased (no other repair); it must then be 13 characters: a check
 *       letter from the 23-letter alphabet {@code A-Z} without {@code I, O, S}, then either 12 digits
 *       (permanent) or 11 digits and a letter from that same alphabet (temporary); else
 *       {@link IdentifierStatus#INVALID_FORMAT};</li>
 *   <li>characters 2-13 weighted 2..13 (a temporary UPN's final letter valued by its position in the
 *       alphabet: A=0 ... Z=22), summed mod 23, mapped to the alphabet, must equal character 1; else
 *       {@link IdentifierStatus#INVALID_CHECK};</li>
 *   <li>characters 2-4 must be a DfE LA number listed in {@code /identifiers/la-codes.txt}; else
 *       {@link IdentifierStatus#INVALID_LA_CODE} (so this status implies the check letter is right);</li>
 *   <li>otherwise {@link IdentifierStatus#VALID} (permanent) or {@link IdentifierStatus#VALID_TEMPORARY}.</li>
 * </ol>
 * SSDA903 "UPN unknown" codes ({@code UN1}-{@code UN7}) are not UPNs and come out INVALID_FORMAT.
 *
 * <p>Thread safety: stateless apart from the LA-code list, which is loaded once during class
 * initialisation into an immutable set; all methods are safe to call from any number of threads.
 */
public final class Upns {

    /** A..Z without I, O and S; a letter's index is its value. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private static final Pattern FORMAT =
            Pattern.compile("[A-HJ-NP-RT-Z][0-9]{11}([0-9]|[A-HJ-NP-RT-Z])");
    private static final Pattern STEM =
            Pattern.compile("[0-9]{11}([0-9]|[A-HJ-NP-RT-Z])");
    private static final String LA_CODES_RESOURCE = "/identifiers/la-codes.txt";
    private static final Pattern LA_LINE = Pattern.compile("([0-9]{3})(?:\\s*-\\s*([0-9]{3}))?");
    private static final Set<String> LA_CODES = loadLaCodes();

    private Upns() {
    }

    /**
     * Checks a raw UPN or Former UPN.
     *
     * @param raw the value as recorded; may be null
     * @return the check result, never null; {@code normalised} is the trimmed, upper-cased value
     */
    public static IdentifierCheck check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new IdentifierCheck(raw, null, IdentifierStatus.ABSENT);
        }
        String upn = raw.strip().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(upn).matches()) {
            return new IdentifierCheck(raw, upn, IdentifierStatus.INVALID_FORMAT);
        }
        if (checkLetter(upn.substring(1)) != upn.charAt(0)) {
            return new IdentifierCheck(raw, upn, IdentifierStatus.INVALID_CHECK);
        }
        if (!isKnownLaCode(upn.substring(1, 4))) {
            return new IdentifierCheck(raw, upn, IdentifierStatus.INVALID_LA_CODE);
        }
        boolean temporary = !Character.isDigit(upn.charAt(12));
        return new IdentifierCheck(raw, upn,
                temporary ? IdentifierStatus.VALID_TEMPORARY : IdentifierStatus.VALID);
    }

    /**
     * Prefixes the modulus 23 check letter to the 12 characters after it (for generating test data).
     * The LA code is not checked here.
     *
     * @param twelveChars 12 digits (permanent) or 11 digits and a letter other than I, O, S (temporary);
     *                    upper case
     * @return the 13-character UPN
     * @throws IllegalArgumentException if {@code twelveChars} does not have that shape
     */
    public static String withCheckLetter(String twelveChars) {
        if (twelveChars == null || !STEM.matcher(twelveChars).matches()) {
            throw new IllegalArgumentException("expected 12 digits, or 11 digits and a letter: " + twelveChars);
        }
        return checkLetter(twelveChars) + twelveChars;
    }

    /** Whether a three-character code is in the LA-code list (package-private for tests). */
    static boolean isKnownLaCode(String code) {
        return LA_CODES.contains(code);
    }

    private static char checkLetter(String twelveChars) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = twelveChars.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : ALPHABET.indexOf(c);
            sum += value * (i + 2);
        }
        return ALPHABET.charAt(sum % 23);
    }

    private static Set<String> loadLaCodes() {
        Set<String> codes = new TreeSet<>();
        for (ListResource.Entry entry : ListResource.read(Upns.class, LA_CODES_RESOURCE)) {
            Matcher m = LA_LINE.matcher(entry.text());
            if (!m.matches()) {
                throw new IllegalStateException(LA_CODES_RESOURCE + " line " + entry.line() + ": " + entry.text());
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from) {
                throw new IllegalStateException(LA_CODES_RESOURCE + " line " + entry.line() + ": empty range");
            }
            for (int code = from; code <= to; code++) {
                codes.add(String.format(Locale.ROOT, "%03d", code));
            }
        }
        return Set.copyOf(codes);
    }
}
