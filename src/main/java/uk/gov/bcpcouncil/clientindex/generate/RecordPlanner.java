package uk.gov.bcpcouncil.clientindex.generate;

import static uk.gov.bcpcouncil.clientindex.generate.ChildFactory.days;
import static uk.gov.bcpcouncil.clientindex.generate.ChildFactory.max;
import static uk.gov.bcpcouncil.clientindex.generate.ChildFactory.min;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.generate.Involvement.Type;
import uk.gov.bcpcouncil.clientindex.generate.PlannedRecord.Role;
import uk.gov.bcpcouncil.clientindex.generate.TrueChild.Segment;

/**
 * Decides which person records each true child has in each system: the main record, duplicates,
 * Bournemouth merges (one- and two-step chains), soft-deleted records and pre-birth placeholders,
 * with their dates, addresses and involvements.
 */
final class RecordPlanner {

    private static final String[] NEED_CODES = {"N1", "N1", "N1", "N1", "N1", "N1", "N1", "N1", "N1", "N1",
        "N2", "N2", "N3", "N3", "N4", "N4", "N4", "N5", "N5", "N5", "N6", "N7", "N8", "N8", "N9"};
    private static final String[] CP_CATEGORIES = {"NEG", "NEG", "NEG", "NEG", "NEG", "NEG", "NEG", "NEG", "NEG",
        "EMO", "EMO", "EMO", "EMO", "EMO", "EMO", "EMO", "PHY", "PHY", "SAB", "MUL"};
    private static final String[] LEGAL_STATUSES = {"C2", "C2", "C2", "C2", "C2", "C2", "C2", "C2", "C2",
        "C1", "C1", "C1", "C1", "V2", "V2", "V2", "V2", "E1", "E1", "L2", "J1", "V3", "V4", "D1"};

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final LocalDate lastDay;

    RecordPlanner(GeneratorSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
        this.lastDay = settings.deliveryDate().minusDays(1);
    }

    void plan(List<TrueChild> unit, List<PlannedRecord> out) {
        int first = out.size();
        planRecords(unit, out);
        for (int i = first; i < out.size(); i++) {
            PlannedRecord r = out.get(i);
            if (!r.updated.isAfter(r.created)) {
                r.updated = r.created.plusMinutes(1 + random.nextInt(120));
            }
        }
    }

    private void planRecords(List<TrueChild> unit, List<PlannedRecord> out) {
        Map<SourceSystem, PlannedRecord> firstTwinMain = new EnumMap<>(SourceSystem.class);
        for (TrueChild child : unit) {
            for (Segment segment : child.segments) {
                if (segment.system() == child.prebirthSystem && child.prebirthExpected != null) {
                    out.add(prebirth(child, segment));
                }
                PlannedRecord main;
                PlannedRecord twinMain = child.twinOf != null ? firstTwinMain.get(segment.system()) : null;
                if (twinMain != null && chance(0.7)) {
                    main = record(child, segment, Role.MAIN);
                    main.created = twinMain.created.plusMinutes(1 + random.nextInt(30));
                    main.involvements = twinMain.involvements;
                    main.addresses = segment.addresses();
                    main.updated = (twinMain.updated.isAfter(main.created) ? twinMain.updated : main.created)
                            .plusMinutes(random.nextInt(20));
                } else {
                    main = main(child, segment);
                }
                main.newSurname = usesNewSurname(child, main);
                out.add(main);
                if (child.twinOf == null) {
                    firstTwinMain.put(segment.system(), main);
                }
                if (chance(settings.duplicateRate())) {
                    out.add(duplicate(child, segment));
                    if (chance(settings.duplicateRate())) {
                        out.add(duplicate(child, segment));
                    }
                }
                if (segment.system() == SourceSystem.BOURNEMOUTH && chance(settings.mergedInSourceRate())) {
                    merges(child, segment, main, out);
                }
                if (segment.system() != SourceSystem.CHRISTCHURCH && chance(settings.softDeletedRate())) {
                    out.add(deleted(child, segment));
                }
            }
        }
    }

    private PlannedRecord main(TrueChild child, Segment segment) {
        PlannedRecord r = record(child, segment, Role.MAIN);
        long length = days(segment.start(), segment.end());
        r.created = at(segment.start().plusDays(random.nextLong(length * 3 / 10 + 1)));
        boolean mayBeOpen = segment.latest() && !segment.end().isBefore(lastDay);
        List<Involvement> involvements = involvements(r.created.toLocalDate(), segment.end(), mayBeOpen,
                count(new int[] {15, 40, 25, 12, 8}), child.isUnborn());
        if (child.kind == TrueChild.Kind.ADOPTED_PREVIOUS && segment.latest()) {
            involvements = new ArrayList<>(involvements);
            LocalDate placed = max(r.created.toLocalDate(), child.adoptionDate.minusDays(180 + random.nextInt(540)));
            involvements.add(new Involvement(Type.LOOKED_AFTER, placed, child.adoptionDate, "E1"));
            involvements.sort(Comparator.comparing(Involvement::start));
        }
        r.involvements = involvements;
        r.addresses = segment.addresses();
        LocalDate cap = segment.latest() ? lastDay : segment.end();
        if (child.deathDate != null && segment.latest()) {
            r.updated = updated(max(lastEvent(r), child.deathDate), lastDay);
        } else {
            r.updated = updated(lastEvent(r), cap);
        }
        return r;
    }

    private PlannedRecord duplicate(TrueChild child, Segment segment) {
        PlannedRecord r = record(child, segment, Role.DUPLICATE);
        r.created = at(between(segment.start(), segment.end()));
        r.involvements = involvements(r.created.toLocalDate(), segment.end(),
                segment.latest() && !segment.end().isBefore(lastDay), count(new int[] {40, 40, 20}), child.isUnborn());
        r.addresses = addressAt(segment, r.created.toLocalDate());
        r.updated = updated(lastEvent(r), segment.latest() ? lastDay : segment.end());
        r.newSurname = usesNewSurname(child, r);
        return r;
    }

    /** A record merged into the main one, or a chain: first into second, later second into main. */
    private void merges(TrueChild child, Segment segment, PlannedRecord main, List<PlannedRecord> out) {
        boolean chain = chance(settings.mergeChainTwoStepShare());
        PlannedRecord second = merged(child, segment, main);
        out.add(second);
        if (chain) {
            PlannedRecord first = merged(child, segment, second);
            if (first.created.isAfter(second.updated)) {
                first.created = second.updated.minusDays(1 + random.nextInt(60));
            }
            // the first merge happened before the second one
            LocalDateTime earliest = first.created.isAfter(second.created) ? first.created : second.created;
            if (earliest.isAfter(second.updated)) {
                earliest = second.updated;
            }
            first.updated = between(earliest, second.updated);
            out.add(first);
        }
    }

    private PlannedRecord merged(TrueChild child, Segment segment, PlannedRecord into) {
        PlannedRecord r = record(child, segment, Role.MERGED);
        r.mergedInto = into;
        r.created = at(between(segment.start(), segment.end()));
        r.involvements = involvements(r.created.toLocalDate(), segment.end(), false,
                count(new int[] {60, 40}), child.isUnborn());
        r.addresses = addressAt(segment, r.created.toLocalDate());
        LocalDateTime from = r.created.isAfter(into.created) ? r.created : into.created;
        LocalDate cap = segment.latest() ? lastDay : segment.end();
        r.updated = updated(max(from.toLocalDate(), lastEvent(r)), cap);
        if (r.updated.isBefore(from)) {
            r.updated = from.plusMinutes(5);
        }
        r.newSurname = usesNewSurname(child, r);
        return r;
    }

    private PlannedRecord deleted(TrueChild child, Segment segment) {
        PlannedRecord r = record(child, segment, Role.DELETED);
        r.created = at(between(segment.start(), segment.end()));
        r.involvements = chance(0.1) ? involvements(r.created.toLocalDate(), segment.end(), false, 1, child.isUnborn())
                : List.of();
        r.addresses = chance(0.5) ? addressAt(segment, r.created.toLocalDate()) : List.of();
        r.updated = updated(lastEvent(r), segment.latest() ? lastDay : segment.end());
        r.newSurname = usesNewSurname(child, r);
        return r;
    }

    private PlannedRecord prebirth(TrueChild child, Segment segment) {
        PlannedRecord r = record(child, segment, Role.PREBIRTH);
        LocalDate expected = child.prebirthExpected;
        r.created = at(between(expected.minusDays(150), expected.minusDays(14)));
        r.involvements = chance(0.6)
                ? involvements(r.created.toLocalDate(), expected.plusDays(60), false, 1, true) : List.of();
        r.addresses = segment.addresses().isEmpty() ? List.of() : List.of(segment.addresses().get(0));
        r.updated = updated(lastEvent(r), min(child.dob.plusDays(30), lastDay));
        return r;
    }

    private PlannedRecord record(TrueChild child, Segment segment, Role role) {
        return new PlannedRecord(child, segment.system(), role, segment);
    }

    /** Whether a record made and last updated at these times shows the new surname. */
    private boolean usesNewSurname(TrueChild child, PlannedRecord r) {
        if (child.surnameChangedOn == null) {
            return false;
        }
        LocalDate created = r.created.toLocalDate();
        LocalDate updated = r.updated.toLocalDate();
        if (!child.surnameChangedOn.isAfter(created)) {
            return true;
        }
        return !child.surnameChangedOn.isAfter(updated) && chance(0.6);
    }

    private List<Involvement> involvements(LocalDate from, LocalDate to, boolean mayBeOpen, int n, boolean unborn) {
        if (n == 0) {
            return List.of();
        }
        if (to.isBefore(from)) {
            to = from;
        }
        List<Involvement> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int t = random.nextInt(100);
            Type type = unborn ? (t < 60 ? Type.CHILD_IN_NEED : Type.CHILD_PROTECTION)
                    : t < 25 ? Type.EARLY_HELP : t < 70 ? Type.CHILD_IN_NEED : t < 88 ? Type.CHILD_PROTECTION
                    : Type.LOOKED_AFTER;
            LocalDate start = between(from, to.minusDays(Math.min(30, days(from, to) / 2)));
            int duration = switch (type) {
                case EARLY_HELP -> 60 + random.nextInt(220);
                case CHILD_IN_NEED -> 90 + random.nextInt(450);
                case CHILD_PROTECTION -> 90 + random.nextInt(360);
                case LOOKED_AFTER -> 90 + random.nextInt(2100);
            };
            LocalDate end = start.plusDays(duration);
            if (end.isAfter(to)) {
                end = mayBeOpen ? null : to;
            }
            String code = switch (type) {
                case EARLY_HELP -> null;
                case CHILD_IN_NEED -> NEED_CODES[random.nextInt(NEED_CODES.length)];
                case CHILD_PROTECTION -> CP_CATEGORIES[random.nextInt(CP_CATEGORIES.length)];
                case LOOKED_AFTER -> LEGAL_STATUSES[random.nextInt(LEGAL_STATUSES.length)];
            };
            out.add(new Involvement(type, start, end, code));
        }
        out.sort(Comparator.comparing(Involvement::start));
        return out;
    }

    private static LocalDate lastEvent(PlannedRecord r) {
        LocalDate last = r.created.toLocalDate();
        for (Involvement i : r.involvements) {
            last = max(last, i.end() != null ? i.end() : i.start());
        }
        return last;
    }

    /** A last-updated time on or after {@code base}, by up to four months, but not after {@code cap}. */
    private LocalDateTime updated(LocalDate base, LocalDate cap) {
        LocalDate day = min(base.plusDays(random.nextInt(121)), max(cap, base));
        return at(day);
    }

    private List<TrueChild.Address> addressAt(Segment segment, LocalDate date) {
        TrueChild.Address found = null;
        for (TrueChild.Address a : segment.addresses()) {
            if (!a.from().isAfter(date) || found == null) {
                found = a;
            }
        }
        return found == null ? List.of() : List.of(found);
    }

    private int count(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return 0;
    }

    private LocalDateTime at(LocalDate day) {
        return day.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
    }

    private LocalDate between(LocalDate a, LocalDate b) {
        return b.isBefore(a) ? a : a.plusDays(random.nextLong(days(a, b) + 1));
    }

    private LocalDateTime between(LocalDateTime a, LocalDateTime b) {
        long seconds = java.time.Duration.between(a, b).getSeconds();
        return seconds <= 0 ? a : a.plusSeconds(random.nextLong(seconds + 1));
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
