package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Turns planned records into lines of the Dorset extract for Christchurch. */
final class ChristchurchRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final RecordStyler style;
    final Counter counter = new Counter();

    ChristchurchRenderer(RecordStyler style) {
        this.style = style;
    }

    void render(PlannedRecord r, ChristchurchDeliveryWriter out) throws IOException {
        RecordStyler.Names names = style.names(r);
        TrueChild child = r.child;
        String forenames = names.first();
        if (names.middle() != null && style.chance(0.85)) {
            forenames = forenames + " " + names.middle();
        }
        StringBuilder aliases = new StringBuilder();
        if (names.previousSurname() != null && style.chance(0.6)) {
            alias(aliases, child.firstName + " " + names.previousSurname());
        }
        if (names.preferred() != null && style.chance(0.5)) {
            alias(aliases, names.preferred() + " " + names.surname());
        }
        RecordStyler.Dob dob = style.storedDob(r);
        RecordStyler.Nhs nhs = style.nhs(r);
        if (nhs != null && nhs.invalid()) {
            counter.invalidNhsNumbers++;
        }
        TrueChild.Address current = r.addresses.isEmpty() ? null : r.addresses.get(r.addresses.size() - 1);
        String address = current == null || current.place().noFixedAbode() ? null : current.place().joined();
        String postcode = current == null ? null : style.typedPostcode(current.place().postcode());
        LocalDate death = style.deathDate(r);
        out.writeClient(new ChristchurchDeliveryWriter.Client(r.number, upper(names.surname()), upper(forenames),
                aliases.length() == 0 ? null : upper(aliases.toString()),
                dob.date() == null ? null : DATE.format(dob.date()),
                r.isPlaceholder() ? "X" : child.dobEstimated ? "E" : "A",
                sex(r), nhs == null ? null : nhs.digits(), style.upn(r), ethnicity(r),
                ChristchurchDeliveryWriter.windows1252(address), ChristchurchDeliveryWriter.windows1252(postcode),
                death == null ? null : DATE.format(death), TIMESTAMP.format(r.updated)));
        counter.persons++;
        counter.aliases += aliases.length() == 0 ? 0 : aliases.toString().split(";").length;
        if (address != null || postcode != null) {
            counter.addresses++;
        }
        for (Involvement i : r.involvements) {
            out.writeInvolvement(new ChristchurchDeliveryWriter.Involvement(r.number, i.type().christchurch,
                    DATE.format(i.start()), i.end() == null ? null : DATE.format(i.end()), i.code()));
            counter.involvements++;
        }
    }

    private static void alias(StringBuilder aliases, String name) {
        if (aliases.length() > 0) {
            aliases.append(';');
        }
        aliases.append(name);
    }

    private static String upper(String text) {
        return text == null ? null : ChristchurchDeliveryWriter.windows1252(text.toUpperCase(Locale.ROOT));
    }

    private String sex(PlannedRecord r) {
        if (style.sexUnknown(r)) {
            return style.random.nextBoolean() ? "Unknown" : "Not stated";
        }
        return switch (r.child.sex) {
            case MALE -> "Male";
            case FEMALE -> "Female";
            case INDETERMINATE -> "Unknown";
        };
    }

    private String ethnicity(PlannedRecord r) {
        if (style.ethnicityMissing()) {
            return null;
        }
        var descriptions = r.child.ethnicity.christchurch();
        return descriptions.size() > 1 && style.chance(0.3) ? descriptions.get(1) : descriptions.get(0);
    }
}
