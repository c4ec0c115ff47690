package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
    private static final String NONE = new String("");
    private static final Map<String, String> MATCH_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, List<String>> SURNAME_PARTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** Ethnicity values that state none: no mapping, not yet obtained, refused. */
    private static final Set<String> NO_ETHNICITY = Set.of(CanonicalRecord.UNMAPPED, "NOBT", "REFU");

    private MatchRecords() {
    }

    /** {@link NameNormaliser#matchKey}, remembered. */
    static String matchKey(String name) {
        if (name == null) {
            return NameNormaliser.matchKey(null);
        }
        String k = MATCH_KEYS.get(name);
        if (k == null) {
            String computed = NameNormaliser.matchKey(name);
            k = computed == null ? NONE : computed;
            if (MATCH_KEYS.size() < MEMO_LIMIT) {
                MATCH_KEYS.put(name, k);
            }
        }
        return k == NONE ? null : k;
    }

    private static List<String> surnameParts(String name) {
        if (name == null) {
            return NameNormaliser.surnameParts(null);
        }
        List<String> parts = SURNAME_PARTS.get(name);
        if (parts == null) {
            parts = List.copyOf(NameNormaliser.surnameParts(name));
            if (SURNAME_PARTS.size() < MEMO_LIMIT) {
                SURNAME_PARTS.put(name, parts);
            }
        }
        return parts;
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

    public static MatchRecord of(CanonicalRecord r) {
        Set<String> first = new LinkedHashSet<>();
        if (r.firstName() != null) {
            first.add(matchKey(r.firstName()));
        }
        Set<String> family = new LinkedHashSet<>();
        addFamily(family, r.familyName());
        for (CanonicalRecord.OtherName o : r.otherNames()) {
            if ("PREFERRED".equals(o.kind()) && !o.givenNames().isEmpty()) {
                first.add(matchKey(o.givenNames().get(0)));
            }
            addFamily(family, o.familyName());
        }
        first.remove(null);
        family.remove(null);
        boolean unborn = r.expectedBirthDate() != null || r.placeholderName() || "EXPECTED".equals(r.birthDateKind());
        IdentifierCheck pc = r.currentPostcode();
        String current = pc == null || !pc.status().usableAsEvidence() ? null : pc.normalised();
        Set<String> postcodes = new LinkedHashSet<>();
        if (current != null) {
            postcodes.add(current);
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (CanonicalRecord.Address a : r.addresses()) {
            if (a.postcode() != null && a.postcode().status().usableAsEvidence() && a.postcode().normalised() != null) {
                postcodes.add(a.postcode().normalised());
            }
            String text = addressKey(a.text());
            if (text != null) {
                addresses.add(text);
            }
        }
        Set<String> middle = new LinkedHashSet<>();
        for (String given : r.givenNames().subList(Math.min(1, r.givenNames().size()), r.givenNames().size())) {
            for (String part : SPACES.split(given)) {
                String k = matchKey(part);
                if (k != null && !first.contains(k)) {
                    middle.add(k);
                }
            }
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
        return new MatchRecord(key(r), new ArrayList<>(first),
                r.familyName() == null ? null : matchKey(r.familyName()), new ArrayList<>(family),
                r.birthDate(), r.sex(), r.nhsNumber().status().usableAsEvidence() ? r.nhsNumber().normalised() : null,
                upn, current, unborn, new ArrayList<>(postcodes), new ArrayList<>(addresses), List.of(),
                r.expectedBirthDate(), attributes);
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
        LocalDate date = text == null || text.length() < 10 ? null : FixedDates.ISO.parse(text.substring(0, 10));
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

    private static void addFamily(Set<String> keys, String name) {
        if (name == null) {
            return;
        }
        keys.add(matchKey(name));
        List<String> parts = surnameParts(name);
        if (parts.size() > 1) {
            keys.addAll(parts);
        }
    }
}
