package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The comparisons of the model, built on Commons Text (Jaro-Winkler, Damerau-Levenshtein) and Commons
 * Codec (Double Metaphone). Each is a small pure function with named levels; {@link #children} is the
 * client index's set and {@link #febrl} the FEBRL benchmark's. Thread-safe (the phonetic cache is
 * concurrent).
 */
public final class Comparisons {

    private static final int MISSING = Comparison.MISSING;

    static final double JW_HIGH = 0.92;
    static final double JW_MID = 0.80;

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final DamerauLevenshteinDistance DAMERAU = new DamerauLevenshteinDistance();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final Map<String, String> PHONETIC = new ConcurrentHashMap<>();
    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

    private Comparisons() {
    }

    /**
     * The client index's comparisons: names, date of birth, sex, postcode and address history, NHS number, UPN,
     * middle names.
     */
    public static List<Comparison> children(NameVariants variants) {
        return List.of(firstName(variants), surname(), birthDate(), sex(), postcode(), address(), nhsNumber(), upn(),
                middleName());
    }

    /** The FEBRL benchmark's comparisons: every FEBRL field, {@code soc_sec_id} as an ordinary field. */
    public static List<Comparison> febrl(NameVariants variants) {
        return List.of(firstName(variants), surname(), birthDate(), postcode(), address(),
                attribute("STREET_NUMBER", "street_number", false), attribute("ADDRESS_2", "address_2", true),
                attribute("SUBURB", "suburb", true), attribute("STATE", "state", false),
                attribute("SOC_SEC_ID", "soc_sec_id", false));
    }

    // ---- names -------------------------------------------------------------------------------------

    /**
     * First names (given and preferred): exact (frequency-adjusted), nickname or variant, one edit (of the other name or
     * of a variant of it), similar, sounds alike.
     */
    public static Comparison firstName(NameVariants variants) {
        return new NameComparison("FIRST_NAME", MatchRecord::firstNames, MatchRecord::familyNames, variants);
    }

    /** Every known family name of each record (aliases, previous names, each part of a double-barrelled name). */
    public static Comparison surname() {
        return new NameComparison("SURNAME", MatchRecord::familyNames, MatchRecord::firstNames, null);
    }

    static final class NameComparison implements Comparison {
        private final String name;
        private final Function<MatchRecord, List<String>> names;
        private final Function<MatchRecord, List<String>> otherNames;
        private final NameVariants variants;
        private final List<String> levels;
        private final int[] indexOf;
        private final int swappedIndex;

        NameComparison(String name, Function<MatchRecord, List<String>> names,
                Function<MatchRecord, List<String>> otherNames, NameVariants variants) {
            this.name = name;
            this.names = names;
            this.otherNames = otherNames;
            this.variants = variants;
            List<String> l = new ArrayList<>(List.of("EXACT"));
            if (variants != null) {
                l.add("VARIANT");
            }
            l.addAll(List.of("ONE_EDIT", "JW_HIGH", "PHONETIC", "JW_MID", "SWAPPED", "ELSE"));
            this.levels = List.copyOf(l);
            this.indexOf = new int[NAME_LEVELS.size()];
            for (int o = 0; o < indexOf.length; o++) {
                indexOf[o] = levels.indexOf(NAME_LEVELS.get(o)); // -1 only for VARIANT without a table: never returned
            }
            this.swappedIndex = levels.indexOf("SWAPPED");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> levels() {
            return levels;
        }

        @Override
        public int tfLevel() {
            return 0;
        }

        @Override
        public List<String> tfValues(MatchRecord r) {
            return names.apply(r);
        }

        @Override
        public int level(MatchRecord a, MatchRecord b) {
            List<String> x = names.apply(a);
            List<String> y = names.apply(b);
            if (x.isEmpty() || y.isEmpty()) {
                return MISSING;
            }
            int elseIndex = levels.size() - 1;
            int bestIndex = elseIndex;
            for (int xi = 0; xi < x.size() && bestIndex > 0; xi++) {
                for (int yi = 0; yi < y.size() && bestIndex > 0; yi++) {
                    bestIndex = Math.min(bestIndex, indexOf[nameLevelOrdinal(x.get(xi), y.get(yi), variants)]);
                }
            }
            if (bestIndex == elseIndex && (intersects(x, otherNames.apply(b)) || intersects(otherNames.apply(a), y))) {
                return swappedIndex;
            }
            return bestIndex;
        }
    }

    /** The levels of two single names, best first ({@link #nameLevelOrdinal} indexes them). */
    static final List<String> NAME_LEVELS = List.of("EXACT", "VARIANT", "ONE_EDIT", "JW_HIGH", "PHONETIC", "JW_MID", "ELSE");

    /** The level of two single names: EXACT, VARIANT, ONE_EDIT, JW_HIGH, PHONETIC, JW_MID or ELSE. */
    static String nameLevel(String p, String q, NameVariants variants) {
        return NAME_LEVELS.get(nameLevelOrdinal(p, q, variants));
    }

    /** {@link #nameLevel} as its index in {@link #NAME_LEVELS}. */
    static int nameLevelOrdinal(String p, String q, NameVariants variants) {
        if (p.equals(q)) {
            return 0;
        }
        if (variants != null && variants.variants(p, q)) {
            return 1;
        }
        if (oneEdit(p, q) || (variants != null && oneEditFromVariant(p, q, variants))) {
            return 2;
        }
        double jw = JW.apply(p, q);
        if (jw >= JW_HIGH) {
            return 3;
        }
        String pp = phonetic(p);
        if (pp != null && pp.equals(phonetic(q))) {
            return 4;
        }
        return jw >= JW_MID ? 5 : 6;
    }

    /**
     * Middle names ({@link MatchRecord#middleNames()}): one in common (frequency-adjusted), one similar (one edit,
     * Jaro-Winkler {@value #JW_HIGH}, or an initial standing for the other's name), else; missing unless both
     * records hold one. A child's middle name is evidence of the child, not of the family: twins and siblings rarely
     * share one, so it tells records apart where the date of birth is missing and the address has changed.
     */
    public static Comparison middleName() {
        return simple("MIDDLE_NAME", List.of("EXACT", "SIMILAR", "ELSE"), (a, b) -> {
            List<String> x = a.middleNames();
            List<String> y = b.middleNames();
            if (x.isEmpty() || y.isEmpty()) {
                return MISSING;
            }
            if (intersects(x, y)) {
                return 0;
            }
            for (String p : x) {
                for (String q : y) {
                    boolean initial = (p.length() == 1 || q.length() == 1) && p.charAt(0) == q.charAt(0);
                    if (initial || oneEdit(p, q) || JW.apply(p, q) >= JW_HIGH) {
                        return 1;
                    }
                }
            }
            return 2;
        }, MatchRecord::middleNames);
    }

    /** A variant this long or longer can be recognised under one typing error; a short one (Dan) cannot (Dana). */
    static final int VARIANT_TYPO_MIN_LENGTH = 5;

    /**
     * Whether one name is one typing edit from a variant of the other of at least {@value #VARIANT_TYPO_MIN_LENGTH}
     * letters (Anthomy: Anthony, a variant of Tony); a short nickname one edit away is most often another name.
     */
    static boolean oneEditFromVariant(String p, String q, NameVariants variants) {
        for (String v : variants.group(q)) {
            if (v.length() >= VARIANT_TYPO_MIN_LENGTH && oneEdit(p, v)) {
                return true;
            }
        }
        for (String v : variants.group(p)) {
            if (v.length() >= VARIANT_TYPO_MIN_LENGTH && oneEdit(q, v)) {
                return true;
            }
        }
        return false;
    }

    // ---- date of birth -----------------------------------------------------------------------------

    /** Exact, one typing edit, day and month swapped, within a month, within a year, else. */
    public static Comparison birthDate() {
        return simple("DATE_OF_BIRTH", List.of("EXACT", "ONE_EDIT", "DAY_MONTH_SWAPPED", "WITHIN_MONTH", "WITHIN_YEAR", "ELSE"),
                (a, b) -> {
                    LocalDate x = a.birthDate();
                    LocalDate y = b.birthDate();
                    if (x == null || y == null || a.unborn() || b.unborn()) {
                        return MISSING;
                    }
                    if (x.equals(y)) {
                        return 0;
                    }
                    if (oneEdit(basicIsoDate(x), basicIsoDate(y))) {
                        return 1;
                    }
                    if (x.getYear() == y.getYear() && x.getMonthValue() == y.getDayOfMonth()
                            && x.getDayOfMonth() == y.getMonthValue()) {
                        return 2;
                    }
                    long days = Math.abs(ChronoUnit.DAYS.between(x, y));
                    return days <= 31 ? 3 : days <= 366 ? 4 : 5;
                });
    }

    // ---- sex, places, identifiers ------------------------------------------------------------------

    public static Comparison sex() {
        return simple("SEX", List.of("SAME", "DIFFERENT"), (a, b) -> {
            if (!known(a.sex()) || !known(b.sex())) {
                return MISSING;
            }
            return a.sex().equals(b.sex()) ? 0 : 1;
        });
    }

    /** Current postcodes equal, any postcodes of the histories equal, one edit, same outward code, else. */
    public static Comparison postcode() {
        return simple("POSTCODE", List.of("CURRENT_EQUAL", "HISTORY_EQUAL", "ONE_EDIT", "SAME_DISTRICT", "ELSE"),
                (a, b) -> {
                    List<String> x = a.postcodes();
                    List<String> y = b.postcodes();
                    if (x.isEmpty() || y.isEmpty()) {
                        return MISSING;
                    }
                    if (x.get(0).equals(y.get(0))) {
                        return 0;
                    }
                    if (intersects(x, y)) {
                        return 1;
                    }
                    int best = 4;
                    for (String p : x) {
                        for (String q : y) {
                            if (oneEdit(p, q)) {
                                best = Math.min(best, 2);
                            } else if (p.indexOf(' ') > 0 && p.substring(0, p.indexOf(' ')).equals(outward(q))) {
                                best = Math.min(best, 3);
                            }
                        }
                    }
                    return best;
                });
    }

    /** Any address of one history equal or similar (Jaro-Winkler) to any of the other's, or sharing most words. */
    public static Comparison address() {
        return simple("ADDRESS", List.of("EXACT", "JW_HIGH", "WORDS_SHARED", "ELSE"), (a, b) -> {
            if (a.addresses().isEmpty() || b.addresses().isEmpty()) {
                return MISSING;
            }
            int best = 3;
            for (String p : a.addresses()) {
                for (String q : b.addresses()) {
                    if (p.equals(q)) {
                        return 0;
                    }
                    if (best > 1 && jwMayReach(p, q, JW_HIGH) && JW.apply(p, q) >= JW_HIGH) {
                        best = Math.min(best, 1);
                    } else if (best > 2 && halfTheWordsShared(p, q)) { // it could only lower a level above 2
                        best = Math.min(best, 2);
                    }
                }
            }
            return best;
        });
    }

    public static Comparison nhsNumber() {
        return simple("NHS_NUMBER", List.of("SAME", "DIFFERENT"), (a, b) -> a.nhsNumber() == null || b.nhsNumber() == null
                ? MISSING : a.nhsNumber().equals(b.nhsNumber()) ? 0 : 1);
    }

    /** Same UPN, or one recorded as the other's former UPN; else different. */
    public static Comparison upn() {
        return simple("UPN", List.of("SAME", "DIFFERENT"), (a, b) -> {
            if (a.upn() == null || b.upn() == null) {
                return MISSING;
            }
            return a.upn().equals(b.upn()) || a.formerUpns().contains(b.upn()) || b.formerUpns().contains(a.upn()) ? 0 : 1;
        });
    }

    /** An ordinary field: exact, one edit, and (for text) similar; never used by a guard. */
    public static Comparison attribute(String name, String attribute, boolean text) {
        List<String> levels = text ? List.of("EXACT", "ONE_EDIT", "JW_HIGH", "JW_MID", "ELSE") : List.of("EXACT", "ONE_EDIT", "ELSE");
        return simple(name, levels, (a, b) -> {
            String x = a.attribute(attribute);
            String y = b.attribute(attribute);
            if (x == null || y == null) {
                return MISSING;
            }
            if (x.equals(y)) {
                return 0;
            }
            if (oneEdit(x, y)) {
                return 1;
            }
            if (!text) {
                return 2;
            }
            double jw = JW.apply(x, y);
            return jw >= JW_HIGH ? 2 : jw >= JW_MID ? 3 : 4;
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------

    interface Level {
        int of(MatchRecord a, MatchRecord b);
    }

    static Comparison simple(String name, List<String> levels, Level level) {
        return simple(name, levels, level, null);
    }

    /**
     * A comparison whose first level (exact agreement) is adjusted by the frequency of the agreeing value among
     * {@code tfValues} of each record ({@code null}: no adjustment).
     */
    static Comparison simple(String name, List<String> levels, Level level, Function<MatchRecord, List<String>> tfValues) {
        return new Comparison() {
            @Override
            public int tfLevel() {
                return tfValues == null ? -1 : 0;
            }

            @Override
            public List<String> tfValues(MatchRecord r) {
                return tfValues == null ? List.of() : tfValues.apply(r);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> levels() {
                return levels;
            }

            @Override
            public int level(MatchRecord a, MatchRecord b) {
                return level.of(a, b);
            }
        };
    }

    /**
     * Whether the Damerau-Levenshtein distance of the two strings is at most one: equal, or one character
     * substituted, inserted or deleted, or two adjacent characters transposed. The same answer as Commons Text's
     * {@link DamerauLevenshteinDistance} {@code <= 1} ({@code OneEditTest} checks it on random strings), in one pass
     * without allocating: it is called for most name, postcode and date comparisons.
     */
    /**
     * {@code date.format(DateTimeFormatter.BASIC_ISO_DATE)} ({@code 20150307}) without the formatter's cost: the
     * comparisons and the guards write two dates for every candidate pair.
     */
    static String basicIsoDate(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return date.format(YMD);
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        char[] c = new char[8];
        for (int i = 3; i >= 0; i--, year /= 10) {
            c[i] = (char) ('0' + year % 10);
        }
        c[4] = (char) ('0' + month / 10);
        c[5] = (char) ('0' + month % 10);
        c[6] = (char) ('0' + day / 10);
        c[7] = (char) ('0' + day % 10);
        return new String(c);
    }

    static boolean oneEdit(String p, String q) {
        int lp = p.length();
        int lq = q.length();
        if (lp < lq) {
            return oneEdit(q, p);
        }
        if (lp - lq > 1) {
            return false;
        }
        int i = 0;
        while (i < lq && p.charAt(i) == q.charAt(i)) {
            i++;
        }
        if (i == lq) {
            return true; // equal, or p is q with one character added at the end
        }
        if (lp == lq) {
            // substitution at i, or adjacent transposition at i, i+1; the rest must be equal
            if (regionEquals(p, i + 1, q, i + 1, lq - i - 1)) {
                return true;
            }
            return i + 1 < lq && p.charAt(i) == q.charAt(i + 1) && p.charAt(i + 1) == q.charAt(i)
                    && regionEquals(p, i + 2, q, i + 2, lq - i - 2);
        }
        // p is one longer: p's character at i deleted
        return regionEquals(p, i + 1, q, i, lq - i);
    }

    private static boolean regionEquals(String p, int from, String q, int qFrom, int length) {
        return p.regionMatches(from, q, qFrom, length);
    }

    static int edits(String p, String q) {
        return DAMERAU.apply(p, q);
    }

    /** The Double Metaphone primary code, or null when the name has none. */
    static String phonetic(String name) {
        String code = PHONETIC.computeIfAbsent(name, n -> {
            String c = METAPHONE.doubleMetaphone(n);
            return c == null ? "" : c;
        });
        return code.isEmpty() ? null : code;
    }

    static boolean intersects(List<String> x, List<String> y) {
        for (String s : x) {
            if (y.contains(s)) {
                return true;
            }
        }
        return false;
    }

    static boolean known(String sex) {
        return sex != null && !sex.isBlank() && !sex.equals("U") && !sex.equals("0") && !sex.equals("9");
    }

    private static String outward(String postcode) {
        int space = postcode.indexOf(' ');
        return space > 0 ? postcode.substring(0, space) : null;
    }

    /**
     * False when Jaro-Winkler of the two strings is certainly below {@code threshold}, from an upper bound that is
     * much cheaper than the similarity itself (it is most of the comparisons' cost on addresses): the matching
     * characters are at most the characters the strings have in common (a multiset intersection), and the
     * Winkler boost is at most 0.1 per common leading character (up to 4). True means "compute it".
     */
    static boolean jwMayReach(String p, String q, double threshold) {
        int lp = p.length();
        int lq = q.length();
        if (lp == 0 || lq == 0) {
            return true;
        }
        int[] counts = new int[128];
        for (int i = 0; i < lp; i++) {
            counts[p.charAt(i) & 127]++; // characters folded into 128 buckets: the count can only grow, a bound still
        }
        int common = 0;
        for (int i = 0; i < lq; i++) {
            if (counts[q.charAt(i) & 127]-- > 0) {
                common++;
            }
        }
        double jaro = ((double) common / lp + (double) common / lq + 1) / 3;
        int shorter = Math.min(lp, lq);
        int prefix = 0;
        while (prefix < Math.min(4, shorter) && p.charAt(prefix) == q.charAt(prefix)) {
            prefix++;
        }
        if (prefix == shorter) {
            prefix = 4;
        }
        return jaro + 0.1 * prefix * (1 - jaro) >= threshold - 1e-9;
    }

    /**
     * The share of distinct words (separated by single spaces) two addresses have in common, over the larger
     * number of distinct words: computed in place, without splitting or caching (there are millions of distinct
     * addresses at scale, and the comparisons of a run look at each many times).
     */
    static double wordsShared(String p, String q) {
        int shared = 0;
        int distinctP = 0;
        for (int from = 0; from <= p.length(); ) {
            int to = wordEnd(p, from);
            if (!hasWordBefore(p, from, to)) {
                distinctP++;
                if (hasWord(q, p, from, to, q.length())) {
                    shared++;
                }
            }
            from = to + 1;
        }
        return (double) shared / Math.max(distinctP, distinctWords(q));
    }

    /**
     * {@code wordsShared(p, q) >= 0.5}, stopping as soon as the answer is known: when enough of p's distinct words
     * are found in q, or too few of them are left to find (most candidate pairs' addresses have nothing in common).
     */
    static boolean halfTheWordsShared(String p, String q) {
        int distinctP = distinctWords(p);
        int needed = (Math.max(distinctP, distinctWords(q)) + 1) / 2; // shared / max >= 1/2, in integers
        int shared = 0;
        int left = distinctP;
        for (int from = 0; from <= p.length(); ) {
            int to = wordEnd(p, from);
            if (!hasWordBefore(p, from, to)) {
                left--;
                if (hasWord(q, p, from, to, q.length()) && ++shared >= needed) {
                    return true;
                }
                if (shared + left < needed) {
                    return false;
                }
            }
            from = to + 1;
        }
        return shared >= needed;
    }

    private static int distinctWords(String s) {
        int distinct = 0;
        for (int from = 0; from <= s.length(); ) {
            int to = wordEnd(s, from);
            if (!hasWordBefore(s, from, to)) {
                distinct++;
            }
            from = to + 1;
        }
        return distinct;
    }

    private static int wordEnd(String s, int from) {
        int space = s.indexOf(' ', from);
        return space < 0 ? s.length() : space;
    }

    /** Whether the word {@code s[from, to)} occurs earlier in {@code s}. */
    private static boolean hasWordBefore(String s, int from, int to) {
        return from > 0 && hasWord(s, s, from, to, from - 1);
    }

    /** Whether {@code word[from, to)} is a whole word of {@code s} ending at or before {@code limit}. */
    private static boolean hasWord(String s, String word, int from, int to, int limit) {
        int length = to - from;
        for (int at = 0; at <= limit; ) {
            int end = wordEnd(s, at);
            if (end > limit) {
                return false;
            }
            if (end - at == length && s.regionMatches(at, word, from, length)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }
}
