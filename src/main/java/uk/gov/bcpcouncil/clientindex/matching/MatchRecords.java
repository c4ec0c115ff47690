package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.FixedDates;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * Builds the matcher's view of a canonical record. Thread-safe: its only state is a bounded memo of name match
 * keys (a pure function of the name, computed with several regular expressions; the same few thousand names recur
 * across a million records).
 */
public final class MatchRecords {

    private static final int MEMO_LIMIT = 200_000;
    /** A name's match key and surname parts, remembered together: a family name needs both. */
    private static final Map<String, NameKeys> NAME_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link NameNormaliser#matchKey} and {@link NameNormaliser#surnameParts} of one name. */
    private record NameKeys(String key, List<String> parts) {
    }

    /** Ethnicity values that state none: no mapping, not yet obtained, refused. */
    private static final Set<String> NO_ETHNICITY = Set.of(CanonicalRecord.UNMAPPED, "NOBT", "REFU");

    private MatchRecords() {
    }

    /** {@link NameNormaliser#matchKey}, remembered. */
    static String matchKey(String name) {
        return name == null ? NameNormaliser.matchKey(null) : nameKeys(name).key();
    }

    /** The match key and surname parts of a name (not null), remembered. */
    private static NameKeys nameKeys(String name) {
        NameKeys k = NAME_KEYS.get(name);
        if (k == null) {
            k = new NameKeys(NameNormaliser.matchKey(name), List.copyOf(NameNormaliser.surnameParts(name)));
            if (NAME_KEYS.size() < MEMO_LIMIT) {
                NAME_KEYS.put(name, k);
            }
        }
        return k;
    }

    /**
     * The match view of a canonical record as compact bytes (stored by mapRecords in
     * {@code ci_mapped_record.match_view}, read back by {@link #fromMatchView}); null when it cannot be encoded.
     */
    public static byte[] matchView(CanonicalRecord r) {
        return RecordCodec.encode(of(r));
    }

    /** The match view {@link #matchView} stored. */
    public static MatchRecord fromMatchView(byte[] bytes) {
        return RecordCodec.decode(bytes);
    }

    public static String key(CanonicalRecord r) {
        return r.source().name() + ":" + r.sourceRecordId();
    }

    /**
     * The view. Each list keeps the first occurrence of each value in order, without null (small lists searched
     * in place: a record has one or two of each, and hashed sets cost more than the rest of the view).
     */
    public static MatchRecord of(CanonicalRecord r) {
        List<String> first = new ArrayList<>(2);
        if (r.firstName() != null) {
            addDistinct(first, matchKey(r.firstName()));
        }
        List<String> family = new ArrayList<>(2);
        String familyKey = addFamily(family, r.familyName());
        for (CanonicalRecord.OtherName o : r.otherNames()) {
            if ("PREFERRED".equals(o.kind()) && !o.givenNames().isEmpty()) {
                addDistinct(first, matchKey(o.givenNames().get(0)));
            }
            addFamily(family, o.familyName());
        }
        boolean unborn = r.expectedBirthDate() != null || r.placeholderName() || "EXPECTED".equals(r.birthDateKind());
        IdentifierCheck pc = r.currentPostcode();
        String current = pc == null || !pc.status().usableAsEvidence() ? null : pc.normalised();
        List<String> postcodes = new ArrayList<>(2);
        addDistinct(postcodes, current);
        List<String> addresses = new ArrayList<>(r.addresses().size());
        for (CanonicalRecord.Address a : r.addresses()) {
            if (a.postcode() != null && a.postcode().status().usableAsEvidence()) {
                addDistinct(postcodes, a.postcode().normalised());
            }
            addDistinct(addresses, addressKey(a.text()));
        }
        List<String> middle = new ArrayList<>(0);
        List<String> given = r.givenNames();
        for (int g = 1; g < given.size(); g++) {
            addMiddle(middle, first, given.get(g));
        }
        Map<String, String> attributes = null;
        if (!unborn) {
            attributes = new HashMap<>(4);
            if (!middle.isEmpty()) {
                attributes.put(MatchRecord.MIDDLE_NAMES, String.join(MatchRecord.MIDDLE_NAME_SEPARATOR, middle));
            }
            String period = period(r);
            if (period != null) {
                attributes.put(MatchRecord.PERIOD, period);
            }
            String ethnicity = r.ethnicity();
            if (ethnicity != null && !NO_ETHNICITY.contains(ethnicity)) {
                attributes.put(MatchRecord.ETHNICITY, ethnicity);
            }
        }
        String upn = r.upn().status() == IdentifierStatus.VALID ? r.upn().normalised() : null;
        return new MatchRecord(key(r), first, familyKey, family,
                r.birthDate(), r.sex(), r.nhsNumber().status().usableAsEvidence() ? r.nhsNumber().normalised() : null,
                upn, current, unborn, postcodes, addresses, List.of(), r.expectedBirthDate(), attributes);
    }

    /** Adds the value unless it is null or there already. */
    private static void addDistinct(List<String> values, String value) {
        if (value != null && !values.contains(value)) {
            values.add(value);
        }
    }

    /**
     * The match key of each whitespace-separated part of a given name (as split by {@code \\s+}; an empty part has
     * no key) into {@code middle}, unless it is one of the first names or there already.
     */
    private static void addMiddle(List<String> middle, List<String> first, String given) {
        int n = given.length();
        int i = 0;
        while (i < n) {
            while (i < n && whitespace(given.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !whitespace(given.charAt(i))) {
                i++;
            }
            if (i > start) {
                String k = matchKey(start == 0 && i == n ? given : given.substring(start, i));
                if (k != null && !first.contains(k)) {
                    addDistinct(middle, k);
                }
            }
        }
    }

    /** What {@code \\s} matches: space, tab, new line, vertical tab, form feed, carriage return. */
    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The period the record describes ({@link MatchRecord#PERIOD}): its earliest address or involvement date to its
     * latest address end, involvement date or last update (an address still open ends at the last update: a system
     * that lost sight of a family never closes its address); null when it has none.
     */
    static String period(CanonicalRecord r) {
        LocalDate from = null;
        LocalDate to = null;
        for (CanonicalRecord.Address a : r.addresses()) {
            from = earlier(from, a.from());
            to = later(to, a.to());
        }
        for (CanonicalRecord.Involvement i : r.involvements()) {
            from = earlier(earlier(from, i.from()), i.to());
            to = later(later(to, i.from()), i.to());
        }
        if (from == null) {
            return null;
        }
        to = later(to, isoDate(r.lastUpdated())); // an unreadable last-update time adds nothing to the period
        to = later(to, from);
        return from + "/" + to;
    }

    /**
     * The ISO date ({@code yyyy-mm-dd}) the text starts with, or null: what {@code LocalDate.parse} makes of its first
     * ten characters, without an exception for the many that are not one (Christchurch's {@code yyyyMMddHHmmss}).
     */
    static LocalDate isoDate(String text) {
        LocalDate date = text == null || text.length() < 10 ? null : FixedDates.ISO.parseStart(text);
        return date == FixedDates.INVALID ? null : date;
    }

    private static LocalDate earlier(LocalDate x, LocalDate y) {
        return x == null ? y : y == null || !y.isBefore(x) ? x : y;
    }

    private static LocalDate later(LocalDate x, LocalDate y) {
        return x == null ? y : y == null || !y.isAfter(x) ? x : y;
    }

    /**
     * An address as a comparison key: upper case, letters and digits, single spaces; null when empty. Each run of
     * other characters is one space, none at either end (as {@code [^A-Z0-9]+} replaced by a space and trimmed).
     */
    static String addressKey(String text) {
        if (text == null) {
            return null;
        }
        String ascii = asciiAddressKey(text);
        if (ascii != null) {
            return ascii.isEmpty() ? null : ascii;
        }
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        StringBuilder key = new StringBuilder(upper.length());
        boolean gap = false;
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                if (gap && key.length() > 0) {
                    key.append(' ');
                }
                key.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return key.length() == 0 ? null : key.toString();
    }

    /**
     * {@link #addressKey} of text made only of ASCII characters (empty for no key), in one pass with no upper-case copy;
     * null for any other text (upper case can change its length or turn a letter into A-Z, as \u00df into SS).
     */
    private static String asciiAddressKey(String text) {
        int n = text.length();
        char[] key = new char[n];
        int w = 0;
        boolean gap = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            }
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                if (gap && w > 0) {
                    key[w++] = ' ';
                }
                key[w++] = c;
                gap = false;
            } else {
                gap = true;
            }
        }
        return new String(key, 0, w);
    }

    /** The family name's match key and, for a name of several parts, each part's, into {@code keys}; the key. */
    private static String addFamily(List<String> keys, String name) {
        if (name == null) {
            return null;
        }
        NameKeys k = nameKeys(name);
        addDistinct(keys, k.key());
        if (k.parts().size() > 1) {
            for (String part : k.parts()) {
                addDistinct(keys, part);
            }
        }
        return k.key();
    }
}
