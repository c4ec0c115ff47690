package uk.gov.bcpcouncil.clientindex.mapping;

import java.time.LocalDate;
import java.util.List;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;

/**
 * One legacy person record in the client index's model, with everything known about the child in that
 * record and the verdicts on its identifiers. An invalid identifier is kept (for the report) but its
 * status says it must never be evidence for a merge.
 *
 * @param givenNames        given names in order, the first is the first name; empty for a placeholder
 * @param otherNames        preferred names, aliases, birth and previous names
 * @param birthDateKind     ACTUAL, ESTIMATED or EXPECTED (then only {@code expectedBirthDate} is set)
 * @param sexSource         the legacy value the sex code was mapped from
 * @param ethnicity         a DfE code, or {@code UNMAPPED}
 * @param placeholderName   the record carried a placeholder name such as "Baby" or "Unborn"
 * @param issues            data-quality notes, one per problem, without personal data
 */
public record CanonicalRecord(SourceSystem source, String sourceRecordId, List<String> givenNames, String familyName,
        List<OtherName> otherNames, LocalDate birthDate, String birthDateKind, LocalDate expectedBirthDate,
        String sex, String sexSource, IdentifierCheck nhsNumber, IdentifierCheck upn, String ethnicity,
        String ethnicitySource, LocalDate dateOfDeath, List<Address> addresses, List<Involvement> involvements,
        String lastUpdated, boolean placeholderName, List<String> issues, List<Unmapped> unmapped) {

    public static final String UNMAPPED = "UNMAPPED";

    public record OtherName(String kind, List<String> givenNames, String familyName) {
    }

    public record Address(String text, IdentifierCheck postcode, LocalDate from, LocalDate to) {
    }

    /** @param code need code or child protection category; @param legalStatus looked-after legal status */
    public record Involvement(String type, String code, String legalStatus, LocalDate from, LocalDate to) {
    }

    /** A legacy code that its code table does not map (counted per source, slot and code in the report). */
    public record Unmapped(String slot, String code) {
    }

    public String firstName() {
        return givenNames.isEmpty() ? null : givenNames.get(0);
    }

    /** The postcode of the current address: open-ended, most recent start; null when none. */
    public IdentifierCheck currentPostcode() {
        Address best = null;
        for (Address a : addresses) {
            if (a.to() == null && (best == null || best.from() == null
                    || (a.from() != null && a.from().isAfter(best.from())))) {
                best = a;
            }
        }
        return best == null ? null : best.postcode();
    }
}
