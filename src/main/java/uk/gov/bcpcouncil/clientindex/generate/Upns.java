package uk.gov.bcpcouncil.clientindex.generate;

/**
 * Unique Pupil Numbers: a modulus 23 check letter followed by twelve characters (LA number,
 * establishment number, two-digit year, serial). Check letters come from A..Z without I, O and S.
 */
public final class Upns {

    static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upns() {
    }

    /**
     * The check letter for the twelve characters after it (characters 2 to 13 of the UPN,
     * weighted 2 to 13). A letter in the last position (temporary UPN) counts as its position in
     * {@link #CHECK_LETTERS}.
     */
    public static char checkLetter(CharSequence twelve) {
        if (twelve.length() != 12) {
            throw new IllegalArgumentException("a UPN has 12 characters after its check letter");
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = twelve.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (i == 11 && CHECK_LETTERS.indexOf(c) >= 0) {
                value = CHECK_LETTERS.indexOf(c);
            } else {
                throw new IllegalArgumentException("not a UPN character at position " + (i + 2) + ": " + c);
            }
            sum += value * (i + 2);
        }
        return CHECK_LETTERS.charAt(sum % 23);
    }

    /** Whether the value is a well-formed permanent or temporary UPN with the right check letter. */
    public static boolean isValid(String upn) {
        if (upn == null || upn.length() != 13) {
            return false;
        }
        for (int i = 1; i < 12; i++) {
            if (upn.charAt(i) < '0' || upn.charAt(i) > '9') {
                return false;
            }
        }
        char last = upn.charAt(12);
        if (!(last >= '0' && last <= '9') && CHECK_LETTERS.indexOf(last) < 0) {
            return false;
        }
        return checkLetter(upn.substring(1)) == upn.charAt(0);
    }

    /** A permanent UPN for the given components. */
    static String permanent(int laNumber, int establishment, int yearOfAllocation, int serial) {
        String twelve = String.format("%03d%04d%02d%03d", laNumber, establishment, yearOfAllocation % 100, serial);
        return checkLetter(twelve) + twelve;
    }
}
