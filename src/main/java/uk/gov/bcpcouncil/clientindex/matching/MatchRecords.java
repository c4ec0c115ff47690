package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/** Builds the matcher's view of a canonical record. Stateless and thread-safe. */
public final class MatchRecords {

    private MatchRecords() {
    }

    public static String key(CanonicalRecord r) {
        return r.source().name() + ":" + r.sourceRecordId();
    }

    public static MatchRecord of(CanonicalRecord r) {
        Set<String> first = new LinkedHashSet<>();
        if (r.firstName() != null) {
            first.add(NameNormaliser.matchKey(r.firstName()));
        }
        Set<String> family = new LinkedHashSet<>();
        addFamily(family, r.familyName());
        for (CanonicalRecord.OtherName o : r.otherNames()) {
            if ("PREFERRED".equals(o.kind()) && !o.givenNames().isEmpty()) {
                first.add(NameNormaliser.matchKey(o.givenNames().get(0)));
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
            for (String part : given.split("\\s+")) {
                String k = NameNormaliser.matchKey(part);
                if (k != null && !first.contains(k)) {
                    middle.add(k);
                }
            }
        }
        Map<String, String> attributes = middle.isEmpty() || unborn ? null
                : Map.of(MatchRecord.MIDDLE_NAMES, String.join(MatchRecord.MIDDLE_NAME_SEPARATOR, middle));
        String upn = r.upn().status() == IdentifierStatus.VALID ? r.upn().normalised() : null;
        return new MatchRecord(key(r), new ArrayList<>(first),
                r.familyName() == null ? null : NameNormaliser.matchKey(r.familyName()), new ArrayList<>(family),
                r.birthDate(), r.sex(), r.nhsNumber().status().usableAsEvidence() ? r.nhsNumber().normalised() : null,
                upn, current, unborn, new ArrayList<>(postcodes), new ArrayList<>(addresses), List.of(),
                r.expectedBirthDate(), attributes);
    }

    /** An address as a comparison key: upper case, letters and digits, single spaces; null when empty. */
    static String addressKey(String text) {
        if (text == null) {
            return null;
        }
        String key = text.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim();
        return key.isEmpty() ? null : key;
    }

    private static void addFamily(Set<String> keys, String name) {
        if (name == null) {
            return;
        }
        keys.add(NameNormaliser.matchKey(name));
        List<String> parts = NameNormaliser.surnameParts(name);
        if (parts.size() > 1) {
            keys.addAll(parts);
        }
    }
}
