package uk.gov.bcpcouncil.clientindex.review;

import java.util.Locale;

/** A reviewer's answer on a pair: the same child, two different children, or not sure (asked again). */
public enum ReviewDecision {
    SAME, DIFFERENT, NOT_SURE;

    /** Parses "same", "different", "not-sure" / "NOT_SURE"; null for anything else. */
    public static ReviewDecision parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
