package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Sex;

/** Turns planned records into Poole rows, in Poole's own conventions. */
final class PooleRenderer {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FREE_TEXT_UNTIL = LocalDate.of(2015, 1, 1);

    private final RecordStyler style;
    final Counter counter = new Counter();

    PooleRenderer(RecordStyler style) {
        this.style = style;
    }

    void render(PlannedRecord r, PooleWriter out) {
        RecordStyler.Names names = style.names(r);
        TrueChild child = r.child;
        String given = names.first();
        if (names.middle() != null && style.chance(0.8)) {
            given = given + " " + names.middle();
        }
        RecordStyler.Dob dob = style.storedDob(r);
        String kind = r.isPlaceholder() ? "EXPECTED" : child.dobEstimated ? "ESTIMATED" : "ACTUAL";
        RecordStyler.Nhs nhs = style.nhs(r);
        if (nhs != null && nhs.invalid()) {
            counter.invalidNhsNumbers++;
        }
        String ref = r.sourceId;
        out.person(ref, style.cased(given), style.cased(names.surname()), names.preferred(), dob.date(), kind, sex(r),
                nhs == null ? null : nhs.digits(), style.upn(r), ethnicity(r), style.deathDate(r),
                r.role == PlannedRecord.Role.DELETED, r.updated.atZone(LONDON).toOffsetDateTime());
        counter.persons++;
        if (names.previousSurname() != null && r.role != PlannedRecord.Role.DELETED && style.chance(0.75)) {
            out.alias(ref, style.chance(0.65) ? "PREVIOUS" : "BIRTH", child.firstName, names.previousSurname());
            counter.aliases++;
        }
        if (names.preferred() != null && style.chance(0.15)) {
            out.alias(ref, "ALIAS", names.preferred(), names.surname());
            counter.aliases++;
        }
        for (TrueChild.Address a : r.addresses) {
            Addresses.Place p = a.place();
            out.address(ref, p.noFixedAbode() ? (style.chance(0.5) ? "No fixed abode" : null) : p.joined(),
                    style.typedPostcode(p.postcode()), a.from(), a.to());
            counter.addresses++;
        }
        for (Involvement i : r.involvements) {
            boolean lac = i.type() == Involvement.Type.LOOKED_AFTER;
            out.episode(ref, i.type().poole, i.start(), i.end(), lac ? null : i.code(), lac ? i.code() : null);
            counter.involvements++;
        }
    }

    private Integer sex(PlannedRecord r) {
        if (style.sexUnknown(r)) {
            return style.random.nextInt(4) == 0 ? null : 0;
        }
        return r.child.sex == Sex.MALE ? 1 : r.child.sex == Sex.FEMALE ? 2 : 9;
    }

    private String ethnicity(PlannedRecord r) {
        if (style.ethnicityMissing()) {
            return null;
        }
        Ethnicities.Ethnicity e = r.child.ethnicity;
        if (r.updated.toLocalDate().isBefore(FREE_TEXT_UNTIL) && style.chance(style.settings().ethnicityFreeTextRate())) {
            return style.pick(e.pooleFreeText());
        }
        return e.dfe();
    }
}
