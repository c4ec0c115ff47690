package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.generate.Addresses.Area;
import uk.gov.bcpcouncil.clientindex.generate.NameCatalogue.Group;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Kind;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Segment;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Sex;

/**
 * Makes true children one family unit at a time: a single child, a pair of twins, a child with
 * their post-adoption identity, or an unborn child. Unit probabilities are chosen so that the
 * shares of twins, adopted new identities and unborn children among all children match the settings.
 */
final class ChildFactory {

    private static final LocalDate BCP_FORMED = LocalDate.of(2019, 4, 1);
    private static final SourceSystem[] SYSTEMS = SourceSystem.values();
    /** Twins often get names that sound alike; pairs are (boy or girl, boy or girl). */
    private static final String[][] SIMILAR_TWIN_NAMES = {
        {"M", "Jack", "M", "Jake"}, {"M", "Harry", "M", "Harvey"}, {"M", "Leo", "M", "Theo"},
        {"M", "Aiden", "M", "Jayden"}, {"M", "Ryan", "M", "Rhys"}, {"M", "Alfie", "M", "Archie"},
        {"M", "Louie", "M", "Louis"}, {"F", "Ella", "F", "Isla"}, {"F", "Lily", "F", "Lola"},
        {"F", "Mia", "F", "Maya"}, {"F", "Evie", "F", "Ellie"}, {"F", "Ava", "F", "Eva"},
        {"F", "Amelia", "F", "Amelie"}, {"F", "Sophie", "F", "Sophia"}, {"F", "Hannah", "F", "Anna"},
        {"M", "Oliver", "F", "Olivia"}, {"M", "Louis", "F", "Louise"}, {"M", "Daniel", "F", "Danielle"},
        {"M", "Charlie", "F", "Charlotte"}};

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final NameCatalogue names = NameCatalogue.get();
    private final LocalDate lastDay;
    private final double twinUnit;
    private final double adoptionUnit;
    private final double unbornUnit;
    private long nextChild = 1;
    /** UPNs: the n-th one issued gets establishment and serial from a permutation of 0..8,000,000. */
    private static final long UPN_SPACE = 8_000_000L;
    private final long upnMultiplier;
    private final long upnOffset;
    private long upnsIssued;

    ChildFactory(GeneratorSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
        this.lastDay = settings.deliveryDate().minusDays(1);
        double perUnit = 1.0 / (1.0 - settings.twinRate() / 2 - settings.adoptionRate());
        this.twinUnit = settings.twinRate() * perUnit / 2;
        this.adoptionUnit = settings.adoptionRate() * perUnit;
        this.unbornUnit = settings.unbornRate() * perUnit;
        SplittableRandom upnRandom = new SplittableRandom(settings.seed() ^ 0x5550_4E00L);
        long m;
        do {
            m = 1 + upnRandom.nextLong(UPN_SPACE - 1);
        } while (m % 2 == 0 || m % 5 == 0); // coprime with 8,000,000: distinct UPNs, not in sequence
        this.upnMultiplier = m;
        this.upnOffset = upnRandom.nextLong(UPN_SPACE);
    }

    /** The next family unit, never more than {@code remaining} children. */
    List<TrueChild> nextUnit(int remaining) {
        double u = random.nextDouble();
        List<TrueChild> unit = new ArrayList<>(2);
        if (remaining >= 2 && u < twinUnit) {
            TrueChild first = born(Kind.TWIN);
            unit.add(first);
            unit.add(twinOf(first));
        } else if (remaining >= 2 && u < twinUnit + adoptionUnit) {
            TrueChild before = adoptedBefore();
            unit.add(before);
            unit.add(adoptedAfter(before));
        } else if (u < twinUnit + adoptionUnit + unbornUnit) {
            unit.add(unborn());
        } else {
            unit.add(born(Kind.ORDINARY));
        }
        return unit;
    }

    private TrueChild born(Kind kind) {
        TrueChild c = newChild(kind);
        c.dob = between(GeneratorSettings.EARLIEST_BIRTH, lastDay);
        if (chance(settings.estimatedDobRate())) {
            c.dobEstimated = true;
            c.dob = random.nextBoolean() ? c.dob.withDayOfYear(1) : c.dob.withDayOfMonth(1);
        }
        LocalDate end = min(c.dob.plusYears(18).minusDays(1), lastDay);
        if (chance(settings.deathRate())) {
            c.deathDate = between(c.dob, end);
            end = c.deathDate;
        }
        boolean prebirth = chance(settings.prebirthRecordRate());
        c.windowStart = prebirth ? c.dob : c.dob.plusDays(random.nextLong(days(c.dob, end) * 6 / 10 + 1));
        c.windowEnd = end;
        surnameChange(c);
        c.hasNhsNumber = true;
        c.segments = segments(c.windowStart, c.windowEnd, drawSystems());
        if (prebirth) {
            c.prebirthSystem = c.segments.get(0).system();
            c.prebirthExpected = c.dob.plusDays(random.nextInt(36) - 21);
        }
        upn(c, c.dob, c.segments.get(0).system());
        return c;
    }

    private TrueChild twinOf(TrueChild first) {
        TrueChild c = newChild(Kind.TWIN);
        c.twinOf = first;
        c.coTwin = first;
        first.coTwin = c;
        c.ethnicity = first.ethnicity;
        c.sex = random.nextBoolean() ? first.sex : (first.sex == Sex.MALE ? Sex.FEMALE : Sex.MALE);
        c.firstName = twinName(first, c.sex);
        c.middleName = chance(0.5) ? middleName(c) : null;
        c.birthSurname = first.birthSurname;
        c.currentSurname = first.currentSurname;
        c.surnameChangedOn = first.surnameChangedOn;
        c.dob = first.dob;
        c.dobEstimated = first.dobEstimated;
        c.windowStart = first.windowStart;
        c.windowEnd = first.windowEnd;
        c.segments = first.segments;
        c.hasNhsNumber = true;
        upn(c, c.dob, c.segments.get(0).system());
        return c;
    }

    private String twinName(TrueChild first, Sex sex) {
        if (chance(0.4)) {
            for (String[] pair : SIMILAR_TWIN_NAMES) {
                String mySex = sex == Sex.MALE ? "M" : "F";
                if (pair[1].equals(first.firstName) && pair[2].equals(mySex)) {
                    return pair[3];
                }
                if (pair[3].equals(first.firstName) && pair[0].equals(mySex)) {
                    return pair[1];
                }
            }
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String name = names.firstName(group(first.ethnicity.firstNameGroups()), sex != Sex.FEMALE, random);
            if (!sameOrVariant(name, first.firstName)) {
                return name;
            }
        }
        return sex == Sex.FEMALE ? "Grace" : "Thomas";
    }

    /**
     * Real twins never share a first name, nor get a name and its nickname (Alfred and Alfie) or the same
     * name with and without accents (Zoë and Zoe): such a draw is refused.
     */
    private boolean sameOrVariant(String name, String other) {
        if (Noise.dropAccents(name).equalsIgnoreCase(Noise.dropAccents(other))) {
            return true;
        }
        for (NameCatalogue.Variant v : names.variants(other)) {
            if (v.name().equals(name)) {
                return true;
            }
        }
        for (NameCatalogue.Variant v : names.variants(name)) {
            if (v.name().equals(other)) {
                return true;
            }
        }
        return false;
    }

    private TrueChild adoptedBefore() {
        TrueChild c = newChild(Kind.ADOPTED_PREVIOUS);
        c.dob = between(GeneratorSettings.EARLIEST_BIRTH, lastDay.minusYears(2));
        c.adoptionDate = min(c.dob.plusDays(270 + random.nextInt(1920)), lastDay.minusYears(1));
        c.windowStart = c.dob.plusDays(random.nextLong(days(c.dob, c.adoptionDate) / 2 + 1));
        c.windowEnd = c.adoptionDate;
        surnameChange(c);
        c.hasNhsNumber = true;
        c.segments = segments(c.windowStart, c.windowEnd, drawSystems());
        upn(c, c.dob, c.segments.get(0).system());
        return c;
    }

    /** The same child after adoption: a separate identity that must never be linked to the first. */
    private TrueChild adoptedAfter(TrueChild before) {
        TrueChild c = newChild(Kind.ADOPTED_NEW);
        c.sex = before.sex;
        c.ethnicity = before.ethnicity;
        c.firstName = chance(0.6) ? before.firstName // adopters often keep the first name
                : names.firstName(group(c.ethnicity.firstNameGroups()), c.sex != Sex.FEMALE, random);
        c.middleName = chance(0.5) ? middleName(c) : null;
        String surname;
        do {
            surname = names.surname(chance(0.8) ? Group.BRITISH : group(before.ethnicity.surnameGroups()), random);
        } while (surname.equals(before.currentSurname) || surname.equals(before.birthSurname));
        c.birthSurname = surname;
        c.currentSurname = surname;
        c.dob = before.dob;
        c.adoptionDate = before.adoptionDate;
        c.windowEnd = min(c.dob.plusYears(18).minusDays(1), lastDay);
        c.windowStart = min(c.adoptionDate.plusDays(60 + random.nextInt(670)), c.windowEnd);
        if (c.windowStart.isBefore(c.adoptionDate.plusDays(30))) {
            c.windowStart = c.adoptionDate.plusDays(30);
        }
        c.hasNhsNumber = true;
        c.segments = segments(c.windowStart, c.windowEnd, drawSystems());
        upn(c, c.adoptionDate.plusDays(60), c.segments.get(0).system());
        return c;
    }

    private TrueChild unborn() {
        TrueChild c = newChild(Kind.UNBORN);
        c.dob = settings.deliveryDate().plusDays(1 + random.nextInt(180));
        c.windowStart = settings.deliveryDate().minusDays(14 + random.nextInt(227));
        c.windowEnd = lastDay;
        c.segments = segments(c.windowStart, c.windowEnd, drawSystems());
        return c;
    }

    private TrueChild newChild(Kind kind) {
        TrueChild c = new TrueChild();
        c.id = String.format("T%07d", nextChild++);
        c.kind = kind;
        c.sex = random.nextInt(2000) == 0 ? Sex.INDETERMINATE : random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        c.ethnicity = Ethnicities.draw(random);
        boolean boy = c.sex == Sex.MALE || c.sex == Sex.INDETERMINATE && random.nextBoolean();
        Group firstNameGroup = group(c.ethnicity.firstNameGroups());
        c.firstName = chance(settings.accentedNameRate())
                ? names.accentedFirstName(firstNameGroup, boy, random)
                : names.firstName(firstNameGroup, boy, random);
        c.middleName = chance(middleNameChance(c)) ? middleName(c) : null;
        String surname;
        if (chance(settings.accentedNameRate())) {
            surname = names.accentedSurname(group(c.ethnicity.surnameGroups()), random);
        } else if (chance(settings.doubleBarrelledRate())) {
            surname = doubleBarrelled(group(c.ethnicity.surnameGroups()));
        } else {
            surname = names.surname(group(c.ethnicity.surnameGroups()), random);
        }
        c.birthSurname = surname;
        c.currentSurname = surname;
        return c;
    }

    private double middleNameChance(TrueChild c) {
        Group g = c.ethnicity.firstNameGroups().get(0);
        return g == Group.BRITISH || g == Group.IRISH || g == Group.WELSH || g == Group.CARIBBEAN ? 0.55 : 0.3;
    }

    private String middleName(TrueChild c) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String name = names.firstName(group(c.ethnicity.firstNameGroups()), c.sex != Sex.FEMALE, random);
            if (!name.equals(c.firstName)) {
                return name;
            }
        }
        return null;
    }

    private String doubleBarrelled(Group group) {
        String a = plainSurname(group);
        String b;
        do {
            b = plainSurname(Group.BRITISH);
        } while (b.equals(a));
        return a + "-" + b;
    }

    private String plainSurname(Group group) {
        String s;
        do {
            s = names.surname(group, random);
        } while (s.contains(" ") || s.contains("'") || s.contains("-"));
        return s;
    }

    private void surnameChange(TrueChild c) {
        if (!chance(settings.surnameChangeRate()) || days(c.windowStart, c.windowEnd) < 90) {
            return;
        }
        String old = c.birthSurname;
        String next;
        if (!old.contains("-") && !old.contains(" ") && chance(0.3)) {
            next = old + "-" + plainSurname(Group.BRITISH);
        } else {
            do {
                next = names.surname(chance(0.7) ? Group.BRITISH : group(c.ethnicity.surnameGroups()), random);
            } while (next.equals(old));
        }
        c.currentSurname = next;
        c.surnameChangedOn = between(c.windowStart.plusDays(30), c.windowEnd);
    }

    private void upn(TrueChild c, LocalDate earliest, SourceSystem firstSystem) {
        int entryYear = c.dob.getYear() + (c.dob.getMonthValue() >= 9 ? 5 : 4);
        LocalDate entry = LocalDate.of(entryYear, 9, 1);
        if (entry.isBefore(earliest)) {
            entry = earliest;
        }
        if (!entry.isBefore(c.windowEnd) || !chance(0.9) || upnsIssued >= UPN_SPACE) {
            return;
        }
        int la = entry.isBefore(BCP_FORMED) ? predecessorLaNumber(firstSystem) : 839;
        long value = Math.floorMod(upnMultiplier * upnsIssued++ + upnOffset, UPN_SPACE);
        c.upn = SyntheticUpns.permanent(la, 2000 + (int) (value / 1000), entry.getYear(), (int) (value % 1000));
        c.upnFrom = entry;
    }

    private List<SourceSystem> drawSystems() {
        double u = random.nextDouble();
        int count = u < settings.inThreeSystemsRate() ? 3
                : u < settings.inThreeSystemsRate() + settings.inTwoSystemsRate() ? 2 : 1;
        double[] weights = {settings.bournemouthWeight(), settings.pooleWeight(), settings.christchurchWeight()};
        List<SourceSystem> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double total = 0;
            for (int s = 0; s < SYSTEMS.length; s++) {
                total += chosen.contains(SYSTEMS[s]) ? 0 : Math.max(weights[s], 1e-9);
            }
            double x = random.nextDouble() * total;
            for (int s = 0; s < SYSTEMS.length; s++) {
                if (chosen.contains(SYSTEMS[s])) {
                    continue;
                }
                x -= Math.max(weights[s], 1e-9);
                if (x < 0 || s == SYSTEMS.length - 1) {
                    chosen.add(SYSTEMS[s]);
                    break;
                }
            }
            if (chosen.size() <= i) { // rounding left nothing picked: take the first free system
                for (SourceSystem s : SYSTEMS) {
                    if (!chosen.contains(s)) {
                        chosen.add(s);
                        break;
                    }
                }
            }
        }
        return chosen;
    }

    /** Splits the window between the systems in the given order, with some overlap. */
    private List<Segment> segments(LocalDate start, LocalDate end, List<SourceSystem> systems) {
        int k = systems.size();
        long length = days(start, end);
        long[] cuts = new long[k + 1];
        cuts[k] = length;
        for (int i = 1; i < k; i++) {
            cuts[i] = random.nextLong(length + 1);
        }
        java.util.Arrays.sort(cuts, 1, k);
        List<Segment> segments = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            LocalDate s = start.plusDays(Math.max(0, cuts[i] - (i == 0 ? 0 : random.nextInt(61))));
            LocalDate e = i == k - 1 ? end : min(end, start.plusDays(cuts[i + 1] + random.nextInt(91)));
            boolean latest = i == k - 1;
            segments.add(new Segment(systems.get(i), s, e, latest, addresses(systems.get(i), s, e, latest)));
        }
        return List.copyOf(segments);
    }

    private List<TrueChild.Address> addresses(SourceSystem system, LocalDate start, LocalDate end, boolean latest) {
        int n = random.nextInt(10) < 6 ? 1 : random.nextInt(4) < 3 ? 2 : 3;
        long length = days(start, end);
        long[] starts = new long[n];
        for (int i = 1; i < n; i++) {
            starts[i] = random.nextLong(length + 1);
        }
        java.util.Arrays.sort(starts);
        List<TrueChild.Address> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocalDate from = start.plusDays(starts[i]);
            if (i == 0) {
                from = from.minusDays(random.nextInt(366));
            }
            LocalDate to;
            if (i < n - 1) {
                to = max(from, start.plusDays(starts[i + 1]).minusDays(1));
            } else {
                to = latest || random.nextBoolean() ? null : end;
            }
            Area area = random.nextInt(100) < 88 ? area(system)
                    : random.nextInt(100) < 60 ? area(SYSTEMS[random.nextInt(3)]) : Area.ELSEWHERE;
            Addresses.Place place = chance(settings.noFixedAbodeRate())
                    ? Addresses.Place.NO_FIXED_ABODE : Addresses.draw(area, random);
            out.add(new TrueChild.Address(place, from, to));
        }
        return List.copyOf(out);
    }

    /** DfE LA number of the predecessor authority that allocated the system's UPNs before April 2019. */
    static int predecessorLaNumber(SourceSystem system) {
        return switch (system) {
            case BOURNEMOUTH -> 837;
            case POOLE -> 836;
            case CHRISTCHURCH -> 835;
        };
    }

    /** Where the system's children mostly live. */
    static Area area(SourceSystem system) {
        return switch (system) {
            case BOURNEMOUTH -> Area.BOURNEMOUTH;
            case POOLE -> Area.POOLE;
            case CHRISTCHURCH -> Area.CHRISTCHURCH;
        };
    }

    private Group group(List<Group> groups) {
        return groups.get(random.nextInt(groups.size()));
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private LocalDate between(LocalDate a, LocalDate b) {
        return b.isBefore(a) ? a : a.plusDays(random.nextLong(days(a, b) + 1));
    }

    static long days(LocalDate a, LocalDate b) {
        return Math.max(0, ChronoUnit.DAYS.between(a, b));
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
