package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

/**
 * First survivorship rules: members are ranked (a valid NHS number first, then the most recently updated,
 * then source and record ID), and each field takes the first ranked member's usable value; an invalid
 * identifier never wins over a valid one, an unknown sex or unmapped ethnicity only when nothing better is
 * known. Every value's source record and rule is kept, and every member's names, dates, identifiers,
 * addresses and involvements go into the history. Stateless and thread-safe.
 */
public final class GoldenRecordBuilder {

    static final String RULE = "RANKED_FIRST_USABLE";

    private static final Comparator<CanonicalRecord> RANK = Comparator
            .comparing((CanonicalRecord r) -> !r.nhsNumber().status().usableAsEvidence())
            .thenComparing(r -> updatedKey(r.lastUpdated()), Comparator.reverseOrder())
            .thenComparing(CanonicalRecord::source)
            .thenComparing(CanonicalRecord::sourceRecordId);

    public GoldenRecord build(String clientId, String clusterKey, List<CanonicalRecord> members) {
        List<CanonicalRecord> ranked = new ArrayList<>(members);
        ranked.sort(RANK);
        Map<String, GoldenRecord.Provenance> provenance = new LinkedHashMap<>();
        CanonicalRecord named = pick(ranked, "given_name", r -> r.firstName() != null, provenance);
        CanonicalRecord family = pick(ranked, "family_name", r -> r.familyName() != null, provenance);
        CanonicalRecord dob = pick(ranked, "birth_date", r -> r.birthDate() != null, provenance);
        CanonicalRecord edd = dob != null ? null
                : pick(ranked, "expected_birth_date", r -> r.expectedBirthDate() != null, provenance);
        CanonicalRecord sex = pickPreferring(ranked, "sex", r -> r.sex() != null && !r.sex().equals("U")
                && !r.sex().equals(CanonicalRecord.UNMAPPED), r -> r.sex() != null, provenance);
        CanonicalRecord nhs = pick(ranked, "nhs_number", r -> r.nhsNumber().status().usableAsEvidence(), provenance);
        CanonicalRecord upn = pickPreferring(ranked, "upn", r -> r.upn().status() == IdentifierStatus.VALID,
                r -> r.upn().status() == IdentifierStatus.VALID_TEMPORARY, provenance);
        CanonicalRecord eth = pickPreferring(ranked, "ethnicity", r -> r.ethnicity() != null
                && !r.ethnicity().equals(CanonicalRecord.UNMAPPED) && !r.ethnicity().equals("NOBT"),
                r -> r.ethnicity() != null && !r.ethnicity().equals(CanonicalRecord.UNMAPPED), provenance);
        CanonicalRecord pc = pick(ranked, "postcode", r -> r.currentPostcode() != null
                && r.currentPostcode().normalised() != null, provenance);
        return new GoldenRecord(clientId, clusterKey,
                value(named, CanonicalRecord::firstName),
                named == null ? List.of() : named.givenNames().subList(1, named.givenNames().size()),
                value(family, CanonicalRecord::familyName), value(dob, CanonicalRecord::birthDate),
                value(edd, CanonicalRecord::expectedBirthDate), value(sex, CanonicalRecord::sex),
                value(nhs, r -> r.nhsNumber().normalised()), value(upn, r -> r.upn().normalised()),
                value(eth, CanonicalRecord::ethnicity), value(pc, r -> r.currentPostcode().normalised()),
                provenance, ranked.stream().map(r -> r.source() + ":" + r.sourceRecordId()).sorted().toList(),
                history(ranked));
    }

    private static <T> T value(CanonicalRecord r, Function<CanonicalRecord, T> f) {
        return r == null ? null : f.apply(r);
    }

    private static CanonicalRecord pick(List<CanonicalRecord> ranked, String field, Predicate<CanonicalRecord> usable,
            Map<String, GoldenRecord.Provenance> provenance) {
        for (CanonicalRecord r : ranked) {
            if (usable.test(r)) {
                provenance.put(field, new GoldenRecord.Provenance(r.source().name(), r.sourceRecordId(), RULE));
                return r;
            }
        }
        return null;
    }

    private static CanonicalRecord pickPreferring(List<CanonicalRecord> ranked, String field,
            Predicate<CanonicalRecord> best, Predicate<CanonicalRecord> acceptable,
            Map<String, GoldenRecord.Provenance> provenance) {
        CanonicalRecord r = pick(ranked, field, best, provenance);
        return r != null ? r : pick(ranked, field, acceptable, provenance);
    }

    private static GoldenRecord.History history(List<CanonicalRecord> ranked) {
        List<Map<String, Object>> names = new ArrayList<>();
        List<Map<String, Object>> dates = new ArrayList<>();
        List<Map<String, Object>> ids = new ArrayList<>();
        List<Map<String, Object>> addresses = new ArrayList<>();
        List<Map<String, Object>> involvements = new ArrayList<>();
        for (CanonicalRecord r : ranked) {
            String ref = r.source() + ":" + r.sourceRecordId();
            names.add(entry(ref, "kind", "CURRENT", "given", r.givenNames(), "family", r.familyName()));
            r.otherNames().forEach(o -> names.add(entry(ref, "kind", o.kind(), "given", o.givenNames(), "family",
                    o.familyName())));
            if (r.birthDate() != null || r.expectedBirthDate() != null) {
                dates.add(entry(ref, "kind", r.birthDateKind(), "date",
                        r.birthDate() != null ? r.birthDate().toString() : r.expectedBirthDate().toString()));
            }
            identifier(ids, ref, "NHS_NUMBER", r.nhsNumber());
            identifier(ids, ref, "UPN", r.upn());
            identifier(ids, ref, "LEGACY_ID", new IdentifierCheck(r.sourceRecordId(), ref, IdentifierStatus.VALID));
            r.addresses().forEach(a -> addresses.add(entry(ref, "text", a.text(), "postcode",
                    a.postcode() == null ? null : a.postcode().normalised(), "from", a.from(), "to", a.to())));
            r.involvements().forEach(i -> involvements.add(entry(ref, "type", i.type(), "code", i.code(),
                    "legalStatus", i.legalStatus(), "from", i.from(), "to", i.to())));
        }
        return new GoldenRecord.History(names, dates, ids, addresses, involvements);
    }

    private static void identifier(List<Map<String, Object>> ids, String ref, String type, IdentifierCheck c) {
        if (c != null && c.status() != IdentifierStatus.ABSENT) {
            ids.add(entry(ref, "type", type, "value", c.normalised() != null ? c.normalised() : c.raw(), "status",
                    c.status().name()));
        }
    }

    private static Map<String, Object> entry(String ref, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record", ref);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Legacy timestamps in any of the three formats, reduced to comparable digits (YYYYMMDDHHMMSS). */
    static String updatedKey(String lastUpdated) {
        if (lastUpdated == null) {
            return "";
        }
        String digits = lastUpdated.replaceAll("[^0-9]", "");
        return digits.length() >= 14 ? digits.substring(0, 14) : (digits + "00000000000000").substring(0, 14);
    }
}
