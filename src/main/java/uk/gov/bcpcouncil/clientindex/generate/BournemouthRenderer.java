package uk.gov.bcpcouncil.clientindex.generate;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Sex;

/** Turns planned records into Bournemouth rows, in Bournemouth's own conventions. */
final class BournemouthRenderer {

    private final RecordStyler style;
    final Counter counter = new Counter();

    BournemouthRenderer(RecordStyler style) {
        this.style = style;
    }

    void render(PlannedRecord r, BournemouthWriter out) throws SQLException {
        RecordStyler.Names names = style.names(r);
        TrueChild child = r.child;
        String forename = names.first();
        String middle = names.middle();
        if (middle != null && style.chance(0.1)) { // both given names typed into forename
            forename = forename + " " + middle;
            middle = null;
        }
        RecordStyler.Nhs nhs = style.nhs(r);
        String nhsText = null;
        if (nhs != null) {
            nhsText = style.chance(style.settings().nhsSpacedRate())
                    ? SyntheticNhsNumbers.spaced(nhs.digits()) : nhs.digits();
            if (nhs.invalid()) {
                counter.invalidNhsNumbers++;
            }
        } else if (style.chance(0.3)) {
            nhsText = "";
        }
        String upn = style.upn(r);
        String status = switch (r.role) {
            case MERGED -> "M";
            case DELETED -> "D";
            default -> "A";
        };
        long id = r.number;
        boolean givenNamesCased = style.chance(style.settings().caseVariantRate());
        if (givenNamesCased) { // one style for all given names typed together
            boolean upper = style.random.nextInt(10) < 7;
            forename = upper ? forename.toUpperCase(Locale.ROOT) : forename.toLowerCase(Locale.ROOT);
            middle = middle == null ? null : upper ? middle.toUpperCase(Locale.ROOT) : middle.toLowerCase(Locale.ROOT);
        }
        out.client(id, title(r), forename, middle, style.cased(names.surname()),
                names.preferred(), style.typedDob(r),
                r.isPlaceholder() ? "U" : child.dobEstimated ? "Y" : "N",
                gender(r), nhsText, upn == null && style.chance(0.2) ? "" : upn, ethnicity(r),
                style.deathDate(r), status, r.mergedInto == null ? null : r.mergedInto.number,
                r.created, r.updated);
        counter.persons++;
        for (TrueChild.Address a : r.addresses) {
            Addresses.Place p = a.place();
            String town = p.town() != null && style.chance(0.2) ? p.town().toUpperCase(Locale.ROOT) : p.town();
            out.address(id, p.noFixedAbode() && style.chance(0.5) ? "No fixed abode" : p.line1(), p.line2(), town,
                    style.typedPostcode(p.postcode()), style.chance(0.05) ? null : a.from(), a.to());
            counter.addresses++;
        }
        for (Involvement i : r.involvements) {
            boolean lac = i.type() == Involvement.Type.LOOKED_AFTER;
            out.involvement(id, i.type().bournemouth, i.start(), i.end(), lac ? null : i.code(), lac ? i.code() : null);
            counter.involvements++;
        }
    }

    private String title(PlannedRecord r) {
        if (r.isPlaceholder() || r.child.sex == Sex.INDETERMINATE) {
            return null;
        }
        int t = style.random.nextInt(100);
        if (t < 45) {
            return null;
        }
        if (t < 75) {
            return "";
        }
        boolean adult = !r.updated.toLocalDate().isBefore(r.child.dob.plusYears(16));
        if (r.child.sex == Sex.MALE) {
            return adult ? "Mr" : "Master";
        }
        return t < 95 ? "Miss" : "Ms";
    }

    private String gender(PlannedRecord r) {
        if (style.sexUnknown(r)) {
            int g = style.random.nextInt(3);
            return g == 0 ? "U" : g == 1 ? "" : null;
        }
        return switch (r.child.sex) {
            case MALE -> "M";
            case FEMALE -> "F";
            case INDETERMINATE -> "I";
        };
    }

    private String ethnicity(PlannedRecord r) {
        if (style.ethnicityMissing()) {
            return style.random.nextBoolean() ? null : "";
        }
        Ethnicities.Ethnicity e = r.child.ethnicity;
        boolean old = r.created.toLocalDate().isBefore(LocalDate.of(2011, 9, 1));
        if (old && e.retired() != null && style.chance(style.settings().retiredEthnicityRate())) {
            return e.retired();
        }
        return e.bournemouth();
    }
}
