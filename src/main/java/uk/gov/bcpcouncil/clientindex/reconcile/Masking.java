package uk.gov.bcpcouncil.clientindex.reconcile;

import java.time.LocalDate;

/**
 * Masks personal values for files that circulate (the report, the CSVs): an initial, the year of birth,
 * the last three digits of an NHS number, the outward part of a postcode. Full values appear only in the
 * restricted review page. Pure functions, thread-safe.
 */
public final class Masking {

    private Masking() {
    }

    /** "Jessica Smith-Jones" to "J. S." */
    public static String name(String given, String family) {
        return (initial(given) + " " + initial(family)).trim();
    }

    private static String initial(String s) {
        return s == null || s.isBlank() ? "" : Character.toUpperCase(s.strip().charAt(0)) + ".";
    }

    /** A date of birth to its year only: "2015-**-**". */
    public static String birth(LocalDate date) {
        return date == null ? "" : date.getYear() + "-**-**";
    }

    /** An NHS number to its last three digits: "*** *** *789". */
    public static String nhs(String nhs) {
        if (nhs == null || nhs.isBlank()) {
            return "";
        }
        String digits = nhs.replaceAll("[^0-9A-Za-z]", "");
        return digits.length() < 4 ? "***" : "*** *** *" + digits.substring(digits.length() - 3);
    }

    /** A postcode to its outward part: "BH1 ***". */
    public static String postcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return "";
        }
        String p = postcode.strip().toUpperCase();
        int space = p.indexOf(' ');
        String outward = space > 0 ? p.substring(0, space) : (p.length() > 3 ? p.substring(0, p.length() - 3) : p);
        return outward + " ***";
    }
}
