package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        String upn = r.upn().status() == IdentifierStatus.VALID ? r.upn().normalised() : null;
        return new MatchRecord(key(r), new ArrayList<>(first),
                r.familyName() == null ? null : NameNormaliser.matchKey(r.familyName()), new ArrayList<>(family),
                r.birthDate(), r.sex(), r.nhsNumber().status().usableAsEvidence() ? r.nhsNumber().normalised() : null,
                upn, pc == null ? null : pc.normalised(), unborn);
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
