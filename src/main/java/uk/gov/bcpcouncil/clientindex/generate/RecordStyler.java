package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The per-record choices every legacy system shares: which name, nickname or spelling the record
 * holds and how it was typed, whether the NHS number and UPN were recorded (and mistyped), and how
 * the date of birth was entered. System-specific formats are applied by the renderers.
 */
final class RecordStyler {

    /**
     * A record's names as typed, before system-specific casing.
     *
     * @param preferred        a nickname kept as the preferred name, or null
     * @param previousSurname  the surname before a change, when the record holds the new one
     */
    record Names(String first, String middle, String preferred, String surname, String previousSurname,
            boolean placeholder) {
    }

    /** An NHS number as recorded; {@code invalid} when a typing error makes it fail Modulus 11. */
    record Nhs(String digits, boolean invalid) {
    }

    /** Date of birth as recorded: {@code date} may have day and month swapped, or be null. */
    record Dob(LocalDate date, boolean swapped) {
    }

    private final GeneratorSettings settings;
    final SplittableRandom random;
    private final NameCatalogue catalogue = NameCatalogue.get();
    private final SyntheticNhsNumbers.Allocator nhsNumbers;

    RecordStyler(GeneratorSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
        this.nhsNumbers = new SyntheticNhsNumbers.Allocator(settings.seed());
    }

    GeneratorSettings settings() {
        return settings;
    }

    Names names(PlannedRecord r) {
        TrueChild child = r.child;
        if (r.isPlaceholder()) {
            String family = styledSurname(r.role == PlannedRecord.Role.PREBIRTH ? child.birthSurname : child.currentSurname);
            int p = random.nextInt(100);
            String first = p < 40 ? "Baby" : p < 70 ? "Unborn" : p < 90 ? "Baby of " + family : "Unborn Baby";
            return new Names(first, null, null, family, null, true);
        }
        String first = child.firstName;
        String preferred = null;
        List<NameCatalogue.Variant> variants = catalogue.variants(first);
        if (!variants.isEmpty() && chance(settings.nicknameRate())) {
            NameCatalogue.Variant v = variants.get(random.nextInt(variants.size()));
            boolean twinsName = child.coTwin != null
                    && Noise.dropAccents(v.name()).equalsIgnoreCase(Noise.dropAccents(child.coTwin.firstName));
            if (twinsName) {
                // Louis recorded as 'Louie' when his twin is Louie would make the twins one name: not done
            } else if (v.nickname() && random.nextBoolean()) {
                preferred = v.name();
            } else {
                first = v.name();
            }
        }
        if (Noise.hasAccents(first) && chance(settings.accentDropRate())) {
            first = Noise.dropAccents(first);
        }
        if (chance(settings.typingErrorRate())) {
            first = Noise.typo(first, random);
        }
        String middle = child.middleName != null && chance(0.85) ? child.middleName : null;
        String surname = styledSurname(r.newSurname ? child.currentSurname : child.birthSurname);
        if (chance(settings.typingErrorRate())) {
            surname = Noise.typo(surname, random);
        }
        String previous = r.newSurname ? styledSurname(child.birthSurname) : null;
        return new Names(first, middle, preferred, surname, previous, false);
    }

    private String styledSurname(String surname) {
        String s = surname;
        if (s.indexOf('-') > 0 && chance(settings.doubleBarrelVariantRate())) {
            s = Noise.doubleBarrelVariant(s, random);
        }
        if (s.indexOf('\'') >= 0 && chance(settings.apostropheVariantRate())) {
            s = Noise.apostropheVariant(s, random);
        }
        if (Noise.hasAccents(s) && chance(settings.accentDropRate())) {
            s = Noise.dropAccents(s);
        }
        return s;
    }

    /** Bournemouth and Poole: the field typed all upper or all lower case at the configured rate. */
    String cased(String text) {
        return text != null && chance(settings.caseVariantRate()) ? Noise.caseVariant(text, random) : text;
    }

    /**
     * The NHS number as recorded, or null when not recorded. A child's number is issued the first
     * time one of its records shows it, so that the test range (about 909,000 valid numbers) is
     * spent only on numbers that appear; should it still run out, later children have none.
     */
    Nhs nhs(PlannedRecord r) {
        if (!r.child.hasNhsNumber || r.isPlaceholder() || chance(settings.nhsMissingRate())) {
            return null;
        }
        if (r.child.nhs == null) {
            r.child.nhs = nhsNumbers.next();
            if (r.child.nhs == null) {
                r.child.hasNhsNumber = false;
                return null;
            }
        }
        if (chance(settings.nhsInvalidRate())) {
            return new Nhs(SyntheticNhsNumbers.mistype(r.child.nhs, random), true);
        }
        return new Nhs(r.child.nhs, false);
    }

    /** The UPN as recorded, or null. */
    String upn(PlannedRecord r) {
        TrueChild c = r.child;
        if (c.upn == null || r.isPlaceholder() || r.updated.toLocalDate().isBefore(c.upnFrom)
                || !chance(settings.upnRecordedRate())) {
            return null;
        }
        return c.upn;
    }

    /** The date the record holds as date of birth (the expected date for placeholders). */
    LocalDate trueDob(PlannedRecord r) {
        return r.role == PlannedRecord.Role.PREBIRTH ? r.child.prebirthExpected : r.child.dob;
    }

    /**
     * A date of birth for a system that stores real dates (Poole, Christchurch): maybe missing,
     * maybe with day and month swapped when that still makes a date.
     */
    Dob storedDob(PlannedRecord r) {
        LocalDate dob = trueDob(r);
        if (!r.isPlaceholder() && chance(settings.missingDobRate())) {
            return new Dob(null, false);
        }
        if (chance(settings.dayMonthSwapRate()) && dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
            return new Dob(LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()), true);
        }
        return new Dob(dob, false);
    }

    /** Bournemouth's free-text date of birth, as typed: 'DD/MM/YYYY', sometimes impossible or swapped. */
    String typedDob(PlannedRecord r) {
        LocalDate dob = trueDob(r);
        int year = dob.getYear();
        if (!r.isPlaceholder() && chance(settings.impossibleDobRate())) {
            int nonLeap = year % 4 == 0 ? year - 1 : year;
            return switch (random.nextInt(9)) {
                case 0 -> "31/02/" + year;
                case 1 -> "30/02/" + year;
                case 2 -> "31/04/" + year;
                case 3 -> "31/11/" + year;
                case 4 -> "29/02/" + nonLeap;
                case 5, 6 -> "00/00/0000";
                default -> "";
            };
        }
        int day = dob.getDayOfMonth();
        int month = dob.getMonthValue();
        if (chance(settings.dayMonthSwapRate()) && day != month) {
            int t = day;
            day = month;
            month = t; // may be impossible, e.g. '03/25/2015': typed that way all the same
        }
        return random.nextInt(25) == 0
                ? day + "/" + month + "/" + year
                : String.format("%02d/%02d/%04d", day, month, year);
    }

    /** Whether the record shows the sex as unknown or not recorded. */
    boolean sexUnknown(PlannedRecord r) {
        return r.isPlaceholder() || chance(settings.sexUnknownRate());
    }

    /** Whether the record has no ethnicity. */
    boolean ethnicityMissing() {
        return chance(settings.ethnicityMissingRate());
    }

    /** The date of death, if the child died before the record was last updated. */
    LocalDate deathDate(PlannedRecord r) {
        LocalDate d = r.child.deathDate;
        return d != null && !r.updated.toLocalDate().isBefore(d) ? d : null;
    }

    String typedPostcode(String postcode) {
        return chance(settings.postcodeVariantRate()) ? Addresses.typedPostcode(postcode, random) : postcode;
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
