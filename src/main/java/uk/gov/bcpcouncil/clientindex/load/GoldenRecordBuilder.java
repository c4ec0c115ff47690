package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.SurvivorshipRules;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

/**
 * Builds a client's golden record by the survivorship rules of {@code mappings/survivorship.yaml}
 * ({@link SurvivorshipRules}): for each field, the records are first sorted by the validity of their value
 * (an invalid identifier is never chosen; a valid one over a doubtful one; an unknown sex or unmapped
 * ethnicity only when nothing better is known), then by the field's strategy (most recent, most complete or
 * source priority; ties: most recent, the default source priority, record ID). Every value's source record
 * and rule (the strategy, after {@code VALID_FIRST>} or {@code FALLBACK>} where
 * the value's validity decided first) is kept as provenance, and every member's names, dates,
 * identifiers, addresses and involvements go into the history. Stateless and thread-safe.
 */
public final class GoldenRecordBuilder {

    private final SurvivorshipRules rules;

    /** With the rules the project ships. */
    public GoldenRecordBuilder() {
        this(SurvivorshipRules.defaults());
    }

    public GoldenRecordBuilder(SurvivorshipRules rules) {
        this.rules = rules;
    }

    /** The provenance rule name of a field: its strategy. */
    public String ruleName(String field) {
        return rules.rule(field).strategy().name();
    }

    public GoldenRecord build(String clientId, String clusterKey, List<CanonicalRecord> members) {
        List<CanonicalRecord> ranked = new ArrayList<>(members);
        if (ranked.size() > 1) {
            Map<CanonicalRecord, String> updated = new java.util.IdentityHashMap<>();
            ranked.forEach(r -> updated.put(r, updatedKey(r.lastUpdated())));
            ranked.sort(Comparator.comparing((CanonicalRecord r) -> updated.get(r), Comparator.reverseOrder())
                    .thenComparing(r -> priority(rules.defaultPriority(), r))
                    .thenComparing(CanonicalRecord::sourceRecordId));
        }
        Map<String, GoldenRecord.Provenance> provenance = new LinkedHashMap<>();
        CanonicalRecord named = pick(ranked, "given_name", r -> r.firstName() != null, null,
                r -> r.givenNames().size() * 1000L + r.firstName().length(), provenance);
        CanonicalRecord family = pick(ranked, "family_name", r -> r.familyName() != null, null,
                r -> r.familyName().length(), provenance);
        CanonicalRecord dob = pick(ranked, "birth_date", r -> r.birthDate() != null, null,
                r -> "ACTUAL".equals(r.birthDateKind()) ? 2 : 1, provenance);
        CanonicalRecord edd = dob != null ? null
                : pick(ranked, "expected_birth_date", r -> r.expectedBirthDate() != null, null, r -> 1, provenance);
        CanonicalRecord sex = pick(ranked, "sex", r -> r.sex() != null && !r.sex().equals("U")
                && !r.sex().equals(CanonicalRecord.UNMAPPED), r -> r.sex() != null, r -> 1, provenance);
        CanonicalRecord nhs = pick(ranked, "nhs_number", r -> r.nhsNumber().status().usableAsEvidence(), null,
                r -> 1, provenance);
        CanonicalRecord upn = pick(ranked, "upn", r -> r.upn().status() == IdentifierStatus.VALID,
                r -> r.upn().status() == IdentifierStatus.VALID_TEMPORARY, r -> 1, provenance);
        CanonicalRecord eth = pick(ranked, "ethnicity", r -> r.ethnicity() != null
                && !r.ethnicity().equals(CanonicalRecord.UNMAPPED) && !r.ethnicity().equals("NOBT"),
                r -> r.ethnicity() != null && !r.ethnicity().equals(CanonicalRecord.UNMAPPED), r -> 1, provenance);
        CanonicalRecord pc = pick(ranked, "postcode", r -> r.currentPostcode() != null
                && r.currentPostcode().normalised() != null, null, r -> r.currentPostcode().normalised().length(),
                provenance);
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

    /**
     * The record whose value a field takes: among the records with a valid value ({@code best}), else among
     * those with an acceptable one ({@code acceptable}, null: none is), the first by the field's strategy.
     */
    private CanonicalRecord pick(List<CanonicalRecord> ranked, String field, Predicate<CanonicalRecord> best,
            Predicate<CanonicalRecord> acceptable, ToLongFunction<CanonicalRecord> completeness,
            Map<String, GoldenRecord.Provenance> provenance) {
        SurvivorshipRules.Rule rule = rules.rule(field);
        Comparator<CanonicalRecord> order = switch (rule.strategy()) {
            case MOST_RECENT -> Comparator.comparing(r -> 0);
            case MOST_COMPLETE -> Comparator.comparingLong((CanonicalRecord r) -> completeness.applyAsLong(r)).reversed();
            case SOURCE_PRIORITY -> Comparator.comparingInt(r -> priority(rule.sources(), r));
        };
        for (Predicate<CanonicalRecord> tier : acceptable == null ? List.of(best) : List.of(best, acceptable)) {
            CanonicalRecord chosen = null;
            for (CanonicalRecord r : ranked) { // ranked: most recent first, then source priority, then record ID
                if (tier.test(r) && (chosen == null || order.compare(r, chosen) < 0)) {
                    chosen = r;
                }
            }
            if (chosen != null) {
                String name = (acceptable == null ? "" : tier == best ? "VALID_FIRST>" : "FALLBACK>")
                        + rule.strategy().name();
                provenance.put(field, new GoldenRecord.Provenance(chosen.source().name(), chosen.sourceRecordId(), name));
                return chosen;
            }
        }
        return null;
    }

    private static int priority(List<SourceSystem> order, CanonicalRecord r) {
        int i = order.indexOf(r.source());
        return i < 0 ? order.size() : i;
    }

    private static <T> T value(CanonicalRecord r, Function<CanonicalRecord, T> f) {
        return r == null ? null : f.apply(r);
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
        StringBuilder digits = new StringBuilder(14);
        for (int i = 0; i < lastUpdated.length() && digits.length() < 14; i++) {
            char c = lastUpdated.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        while (digits.length() < 14) {
            digits.append('0');
        }
        return digits.toString();
    }
}
