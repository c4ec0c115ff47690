package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import java.util.regex.Pattern;

/**
 * Checks NHS numbers (England, Wales, Isle of Man) with the NHS Modulus 11 algorithm.
 *
 * <p>Rules, in order (domain brief section 1.1):
 * <ol>
 *   <li>null, or nothing left after removing whitespace, hyphens and dots: {@link IdentifierStatus#ABSENT};</li>
 *   <li>after removing whitespace, hyphens and dots the value must be exactly ten ASCII digits, else
 *       {@link IdentifierStatus#INVALID_FORMAT} (so a spreadsheet-mangled {@code 4146515092.0} is rejected,
 *       not repaired);</li>
 *   <li>ten identical digits: {@link IdentifierStatus#REPDIGIT} (they all pass Modulus 11 but are never issued);</li>
 *   <li>digits 1-9 weighted 10..2, summed, remainder mod 11; check = 11 - remainder, 11 becomes 0 and 10 means
 *       the stem is never issued; a mismatch with digit 10 is {@link IdentifierStatus#INVALID_CHECK};</li>
 *   <li>otherwise {@link IdentifierStatus#VALID}.</li>
 * </ol>
 * The normalised form is the value with separators removed (ten digits when valid). Issued ranges are
 * deliberately not checked (sources disagree; use them as warnings elsewhere).
 *
 * <p>Thread safety: stateless; all methods are safe to call from any number of threads.
 */
public final class NhsNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}.\\-]+");
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");
    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    private NhsNumbers() {
    }

    /**
     * Checks a raw NHS number.
     *
     * @param raw the value as recorded, e.g. {@code "943 476 5919"}; may be null
     * @return the check result, never null
     */
    public static IdentifierCheck check(String raw) {
        if (raw == null) {
            return new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        }
        String digits = SEPARATORS.matcher(raw).replaceAll("");
        if (digits.isEmpty()) {
            return new IdentifierCheck(raw, null, IdentifierStatus.ABSENT);
        }
        if (!TEN_DIGITS.matcher(digits).matches()) {
            return new IdentifierCheck(raw, digits, IdentifierStatus.INVALID_FORMAT);
        }
        if (digits.chars().allMatch(c -> c == digits.charAt(0))) {
            return new IdentifierCheck(raw, digits, IdentifierStatus.REPDIGIT);
        }
        int expected = checkDigit(digits);
        IdentifierStatus status = expected == digits.charAt(9) - '0'
                ? IdentifierStatus.VALID : IdentifierStatus.INVALID_CHECK;
        return new IdentifierCheck(raw, digits, status);
    }

    /**
     * Appends the Modulus 11 check digit to a nine-digit stem (for generating synthetic test data; use the
     * test range 999 000 0000-999 999 9999 for fixtures).
     *
     * @param nineDigits exactly nine ASCII digits
     * @return the ten-digit NHS number, or null when the stem yields check value 10 (never issued)
     * @throws IllegalArgumentException if {@code nineDigits} is not exactly nine ASCII digits
     */
    public static String withCheckDigit(String nineDigits) {
        if (nineDigits == null || !NINE_DIGITS.matcher(nineDigits).matches()) {
            throw new IllegalArgumentException("expected exactly nine digits: " + nineDigits);
        }
        int check = checkDigit(nineDigits);
        return check < 0 ? null : nineDigits + check;
    }

    /** Check digit for the first nine digits of {@code digits}, or -1 when the check value is 10. */
    private static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }
}
