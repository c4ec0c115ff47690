package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * <li>{@code GUARD_TWINS}: likely twins ({@link #twins}): one household (a family name in common, one typing
 * error allowed, or an address in common), the same date of birth as far as typing goes (equal, one digit
 * wrong, or day and month swapped) or a date of birth missing on either side (then nothing tells twins or
 * siblings from one child but the first names, and the household's evidence is the family's, not the
 * child's), no identifier in common, and first names that are different real names rather than one name,
 * a nickname, or a typing error of either;</li>
 * <li>{@code GUARD_UNBORN}: an unborn or placeholder-named record with a born child's record, unless both
 * carry the same valid NHS number or the born child's date of birth is within {@code unbornWindowDays}
 * of the expected date and they have a family name in common (one typing error allowed) (such a pair is still never merged on
 * similarity: the matcher links it only by its unborn rule); two unborn records unless they share a family
 * name and an address or postcode and their expected dates are within 14 days.</li>
 * </ul>
 * A name is <em>real</em> when the variant table knows it, or at least {@code minCount} records hold it and
 * it is not one typing edit from a name {@value #TYPO_RATIO} times as common (then it is most likely that
 * name mistyped). Immutable after construction; thread-safe.
 */
public final class Guards {

    static final int UNBORN_DAYS = 14;
    /** A spelling this many times rarer than a name one edit away is taken for a typing error of it. */
    static final int TYPO_RATIO = 20;

    /** What the twins rule makes of a pair. */
    public enum Twins {
        /** Not a twins situation: the score decides. */
        NONE,
        /** Likely twins: never merged. */
        LIKELY,
        /** One household and date of birth, first names that are other spellings of one name (Sophie/Sophia): one child or twins, a person decides. */
        SPELLING
    }

    private final NameVariants variants;
    private final Map<String, Integer> firstNameCounts;
    private final Map<String, List<String>> byDeletion;
    private final int minCount;
    private final int unbornWindowDays;
    private final boolean twins;

    /** @param records all records of the run (first-name frequencies are counted over them) */
    public Guards(NameVariants variants, List<MatchRecord> records, int minCount, boolean twins) {
        this(variants, records, minCount, twins, 60);
    }

    public Guards(NameVariants variants, List<MatchRecord> records, int minCount, boolean twins, int unbornWindowDays) {
        this.variants = variants;
        this.minCount = minCount;
        this.twins = twins;
        this.unbornWindowDays = unbornWindowDays;
        Map<String, Integer> counts = new HashMap<>();
        for (MatchRecord r : records) {
            r.firstNames().stream().distinct().forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        this.firstNameCounts = counts;
        Map<String, List<String>> deletions = new HashMap<>();
        for (String name : counts.keySet().stream().sorted().toList()) {
            for (String d : deletions(name)) {
                deletions.computeIfAbsent(d, k -> new ArrayList<>()).add(name);
            }
        }
        this.byDeletion = deletions;
    }

    /** The guard forbidding the merge, or null. */
    public String check(MatchRecord a, MatchRecord b) {
        if (a.nhsNumber() != null && b.nhsNumber() != null && !a.nhsNumber().equals(b.nhsNumber())) {
            return "GUARD_DIFFERENT_NHS";
        }
        if (a.upn() != null && b.upn() != null && !upnAgrees(a, b)) {
            return "GUARD_DIFFERENT_UPN";
        }
        if (a.unborn() || b.unborn()) {
            return unborn(a, b);
        }
        if (twins && twins(a, b) == Twins.LIKELY) {
            return "GUARD_TWINS";
        }
        return null;
    }

    private static boolean upnAgrees(MatchRecord a, MatchRecord b) {
        return a.upn() != null && b.upn() != null && (a.upn().equals(b.upn()) || a.formerUpns().contains(b.upn())
                || b.formerUpns().contains(a.upn()));
    }

    private String unborn(MatchRecord a, MatchRecord b) {
        boolean family = similarFamily(a, b);
        if (a.unborn() && b.unborn()) {
            boolean place = Comparisons.intersects(a.postcodes(), b.postcodes())
                    || Comparisons.intersects(a.addresses(), b.addresses());
            LocalDate x = expected(a);
            LocalDate y = expected(b);
            boolean dates = x != null && y != null && Math.abs(ChronoUnit.DAYS.between(x, y)) <= UNBORN_DAYS;
            return family && place && dates ? null : "GUARD_UNBORN";
        }
        if (a.nhsNumber() != null && a.nhsNumber().equals(b.nhsNumber())) {
            return null;
        }
        MatchRecord unborn = a.unborn() ? a : b;
        MatchRecord born = a.unborn() ? b : a;
        return family && withinWindow(unborn, born) ? null : "GUARD_UNBORN";
    }

    /** Whether the born child's date of birth is within the window around the unborn record's expected date. */
    boolean withinWindow(MatchRecord unborn, MatchRecord born) {
        LocalDate expected = expected(unborn);
        return expected != null && born.birthDate() != null
                && Math.abs(ChronoUnit.DAYS.between(expected, born.birthDate())) <= unbornWindowDays;
    }

    static LocalDate expected(MatchRecord r) {
        return r.expectedDate() != null ? r.expectedDate() : r.birthDate();
    }

    /** Whether the pair is likely twins, other spellings of one name in one household, or neither. */
    public Twins twins(MatchRecord a, MatchRecord b) {
        boolean datesAllow = a.birthDate() == null || b.birthDate() == null || nearDates(a.birthDate(), b.birthDate());
        if (a.unborn() || b.unborn() || !datesAllow || !oneHousehold(a, b)
                || upnAgrees(a, b) || a.firstNames().isEmpty() || b.firstNames().isEmpty()) {
            return Twins.NONE;
        }
        boolean spelling = false;
        for (String x : a.firstNames()) {
            for (String y : b.firstNames()) {
                if (x.equals(y)) {
                    return Twins.NONE;
                }
                if (variants.variants(x, y)) {
                    if (!variants.spellingOnly(x, y)) {
                        return Twins.NONE; // a nickname or transliteration: parents do not give those to twins
                    }
                    spelling = true;
                } else if (typingDistance(x, y) && !(real(x) && real(y))) {
                    return Twins.NONE; // one is a typing error of the other or of a variant of it
                }
            }
        }
        return spelling ? Twins.SPELLING : Twins.LIKELY;
    }

    /** Kept for callers of the first version: whether the twins rule refuses the pair. */
    public boolean likelyTwins(MatchRecord a, MatchRecord b) {
        return twins(a, b) == Twins.LIKELY;
    }

    /** Equal, or different only as typing makes dates differ: one digit, or day and month swapped. */
    static boolean nearDates(LocalDate x, LocalDate y) {
        if (x == null || y == null) {
            return false;
        }
        return x.equals(y) || Comparisons.oneEdit(Comparisons.basicIsoDate(x), Comparisons.basicIsoDate(y))
                || (x.getYear() == y.getYear() && x.getMonthValue() == y.getDayOfMonth() && x.getDayOfMonth() == y.getMonthValue());
    }

    /** A family name in common (one typing error allowed), or an address in common. */
    static boolean oneHousehold(MatchRecord a, MatchRecord b) {
        return similarFamily(a, b) || Comparisons.intersects(a.addresses(), b.addresses());
    }

    /** A family name in common, one typing error allowed. */
    static boolean similarFamily(MatchRecord a, MatchRecord b) {
        for (String x : a.familyNames()) {
            for (String y : b.familyNames()) {
                if (Comparisons.oneEdit(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One edit between the names, or between one and a variant of the other. */
    private boolean typingDistance(String x, String y) {
        if (Comparisons.oneEdit(x, y)) {
            return true;
        }
        for (String v : variants.group(y)) {
            if (Comparisons.oneEdit(x, v)) {
                return true;
            }
        }
        for (String v : variants.group(x)) {
            if (Comparisons.oneEdit(y, v)) {
                return true;
            }
        }
        return false;
    }

    boolean real(String firstName) {
        if (variants.known(firstName)) {
            return true;
        }
        int count = firstNameCounts.getOrDefault(firstName, 0);
        if (count < minCount) {
            return false;
        }
        for (String d : deletions(firstName)) {
            for (String other : byDeletion.getOrDefault(d, List.of())) {
                if (!other.equals(firstName) && firstNameCounts.getOrDefault(other, 0) >= (long) TYPO_RATIO * count
                        && Comparisons.oneEdit(firstName, other)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The name and every string one letter shorter: names one edit apart share one of these. */
    private static List<String> deletions(String name) {
        List<String> out = new ArrayList<>(name.length() + 1);
        out.add(name);
        for (int i = 0; i < name.length(); i++) {
            out.add(name.substring(0, i) + name.substring(i + 1));
        }
        return out;
    }
}
