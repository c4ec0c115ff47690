package uk.gov.bcpcouncil.clientindex.matching;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hard no-merge rules, applied to a pair before its score counts and again to every pair inside a
 * cluster. A guard returns its rule name, or null when it has no objection:
 * <ul>
 * <li>{@code GUARD_DIFFERENT_NHS}: two different valid NHS numbers (an adopted child is re-registered with
 * a new one), whatever the names and dates;</li>
 * <li>{@code GUARD_DIFFERENT_UPN}: two different valid permanent UPNs, unless one is recorded as the
 * other's former UPN;</li>
 * <li>{@code GUARD_TWINS}: the same date of birth and a family name in common (one typing error allowed), and first names that are
 * different real names rather than a spelling variant or nickname of each other (a name is real when the
 * variant table knows it or at least {@code twinNameMinCount} records hold it; two names more than one
 * edit apart are different names whatever their frequency);</li>
 * <li>{@code GUARD_UNBORN}: an unborn or placeholder-named record with a born child's record (unless both
 * carry the same valid NHS number); two unborn records unless they share a family name and an address or
 * postcode and their expected dates are within 14 days.</li>
 * </ul>
 * Immutable after construction; thread-safe.
 */
public final class Guards {

    static final int UNBORN_DAYS = 14;

    private final NameVariants variants;
    private final Map<String, Integer> firstNameCounts;
    private final int minCount;
    private final boolean twins;

    /** @param records all records of the run (first-name frequencies are counted over them) */
    public Guards(NameVariants variants, List<MatchRecord> records, int minCount, boolean twins) {
        this.variants = variants;
        this.minCount = minCount;
        this.twins = twins;
        Map<String, Integer> counts = new HashMap<>();
        for (MatchRecord r : records) {
            r.firstNames().stream().distinct().forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        this.firstNameCounts = counts;
    }

    /** The guard forbidding the merge, or null. */
    public String check(MatchRecord a, MatchRecord b) {
        if (a.nhsNumber() != null && b.nhsNumber() != null && !a.nhsNumber().equals(b.nhsNumber())) {
            return "GUARD_DIFFERENT_NHS";
        }
        if (a.upn() != null && b.upn() != null && !a.upn().equals(b.upn())
                && !a.formerUpns().contains(b.upn()) && !b.formerUpns().contains(a.upn())) {
            return "GUARD_DIFFERENT_UPN";
        }
        if (a.unborn() || b.unborn()) {
            return unborn(a, b);
        }
        if (twins && likelyTwins(a, b)) {
            return "GUARD_TWINS";
        }
        return null;
    }

    private static String unborn(MatchRecord a, MatchRecord b) {
        if (a.unborn() && b.unborn()) {
            boolean family = Comparisons.intersects(a.familyNames(), b.familyNames());
            boolean place = Comparisons.intersects(a.postcodes(), b.postcodes())
                    || Comparisons.intersects(a.addresses(), b.addresses());
            boolean dates = a.expectedDate() != null && b.expectedDate() != null
                    && Math.abs(ChronoUnit.DAYS.between(a.expectedDate(), b.expectedDate())) <= UNBORN_DAYS;
            return family && place && dates ? null : "GUARD_UNBORN";
        }
        boolean sameNhs = a.nhsNumber() != null && a.nhsNumber().equals(b.nhsNumber());
        return sameNhs ? null : "GUARD_UNBORN";
    }

    /** Same date of birth, a family name in common, and first names that are different real names. */
    public boolean likelyTwins(MatchRecord a, MatchRecord b) {
        if (a.birthDate() == null || !a.birthDate().equals(b.birthDate()) || !similarFamily(a, b)
                || a.firstNames().isEmpty() || b.firstNames().isEmpty()) {
            return false;
        }
        for (String x : a.firstNames()) {
            for (String y : b.firstNames()) {
                if (variants.variants(x, y)) {
                    return false; // the same name, a nickname or another spelling
                }
                if (Comparisons.oneEdit(x, y) && !(real(x) && real(y))) {
                    return false; // a typing error of the name
                }
            }
        }
        return true;
    }

    /** A family name in common, allowing one typing error (a twin's surname mistyped is still the family's). */
    private static boolean similarFamily(MatchRecord a, MatchRecord b) {
        for (String x : a.familyNames()) {
            for (String y : b.familyNames()) {
                if (Comparisons.oneEdit(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean real(String firstName) {
        return variants.known(firstName) || firstNameCounts.getOrDefault(firstName, 0) >= minCount;
    }
}
