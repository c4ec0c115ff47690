package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Experimental blocking rules for {@link BlockingLab}. */
final class BlockingLabRules {

    private BlockingLabRules() {
    }

    static List<BlockingRule> extra(NameVariants variants) {
        return List.of(
                new BlockingRule("X_DOB_FIRST", r -> dobKeys(r, initials(r, variants)), "DATE_OF_BIRTH"),
                new BlockingRule("X_DOB_SURNAME", r -> dobKeys(r, surnameCodes(r)), "DATE_OF_BIRTH"),
                new BlockingRule("X_DOB_EITHER", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    initials(r, variants).forEach(i -> k.add("F" + i));
                    surnameCodes(r).forEach(s -> k.add("S" + s));
                    return dobKeys(r, k);
                }, "DATE_OF_BIRTH"),
                new BlockingRule("X_NAMES_YEAR", r -> {
                    LocalDate d = r.birthDate() != null ? r.birthDate() : r.expectedDate();
                    Set<String> k = new LinkedHashSet<>();
                    for (String n : BlockingRule.namesSound().keys().apply(r)) {
                        k.add(n + ":" + (d == null ? "-" : d.getYear()));
                    }
                    return k;
                }, "FIRST_NAME", "SURNAME"),
                new BlockingRule("X_NAMES_MD", r -> {
                    LocalDate d = r.birthDate() != null ? r.birthDate() : r.expectedDate();
                    Set<String> k = new LinkedHashSet<>();
                    for (String n : BlockingRule.namesSound().keys().apply(r)) {
                        k.add(n + ":" + (d == null ? "-" : d.getMonthValue() + "-" + d.getDayOfMonth()));
                    }
                    return k;
                }, "FIRST_NAME", "SURNAME"),
                new BlockingRule("X_NAMES_NODOB", r -> {
                    if (r.birthDate() != null) {
                        return Set.of();
                    }
                    return BlockingRule.namesSound().keys().apply(r);
                }, "FIRST_NAME", "SURNAME"),
                BlockingRule.namesSound().probing(r -> r.birthDate() == null).renamed("X_NAMES_NODOB_PROBE"),
                new BlockingRule("X_NAMESV_YEAR", r -> {
                    LocalDate d = r.birthDate() != null ? r.birthDate() : r.expectedDate();
                    Set<String> k = new LinkedHashSet<>();
                    for (String n : namesSoundV(r, variants)) {
                        k.add(n + ":" + (d == null ? "-" : d.getYear()));
                    }
                    return k;
                }, "FIRST_NAME", "SURNAME"),
                new BlockingRule("X_NAMESV_MD", r -> {
                    LocalDate d = r.birthDate() != null ? r.birthDate() : r.expectedDate();
                    Set<String> k = new LinkedHashSet<>();
                    for (String n : namesSoundV(r, variants)) {
                        k.add(n + ":" + (d == null ? "-" : d.getMonthValue() + "-" + d.getDayOfMonth()));
                    }
                    return k;
                }, "FIRST_NAME", "SURNAME"),
                new BlockingRule("X_NAMESV_NODOB_PROBE", r -> namesSoundV(r, variants), java.util.Set.of("FIRST_NAME", "SURNAME"),
                        r -> r.birthDate() == null),
                new BlockingRule("X_DOBV_EITHER", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    firstCodesV(r, variants).forEach(i -> k.add("F" + i));
                    surnameCodes(r).forEach(s -> k.add("S" + s));
                    return dobKeys(r, k);
                }, "DATE_OF_BIRTH"),
                new BlockingRule("X_POSTCODE_FIRSTV", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    for (String p : r.postcodes()) {
                        for (String f : firstCodesV(r, variants)) {
                            k.add(p + ":" + f);
                        }
                    }
                    return k;
                }, "POSTCODE", "FIRST_NAME"),
                BlockingRule.surnameSoundYear().probing(MatchRecord::unborn).renamed("X_SURNAME_YEAR_UNBORN"),
                new BlockingRule("X_MIDDLE_NODOB", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    for (String m : r.middleNames()) {
                        for (String f : firstCodesV(r, variants)) {
                            k.add(f + ":" + m);
                        }
                    }
                    return k;
                }, java.util.Set.of("FIRST_NAME", "MIDDLE_NAME"), r -> r.birthDate() == null),
                new BlockingRule("X_NAMES_MIDDLE", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    for (String m : r.middleNames()) {
                        for (String f : initials(r, variants)) {
                            k.add(f + ":" + m);
                        }
                    }
                    return k;
                }, "FIRST_NAME", "MIDDLE_NAME"),
                new BlockingRule("X_POSTCODE_FIRST_SOUND", r -> {
                    Set<String> k = new LinkedHashSet<>();
                    for (String p : r.postcodes()) {
                        for (String f : r.firstNames()) {
                            String c = Comparisons.phonetic(f);
                            k.add(p + ":" + (c == null ? f : c));
                        }
                    }
                    return k;
                }, "POSTCODE", "FIRST_NAME"));
    }

    static Set<String> firstCodesV(MatchRecord r, NameVariants variants) {
        Set<String> k = new LinkedHashSet<>();
        for (String f : r.firstNames()) {
            String c = Comparisons.phonetic(f);
            if (c != null) {
                k.add(c);
            }
            for (String v : variants.group(f)) {
                String cv = Comparisons.phonetic(v);
                if (cv != null) {
                    k.add(cv);
                }
            }
        }
        return k;
    }

    static Set<String> namesSoundV(MatchRecord r, NameVariants variants) {
        Set<String> k = new LinkedHashSet<>();
        Set<String> firsts = firstCodesV(r, variants);
        for (String s : surnameCodes(r)) {
            for (String f : firsts) {
                k.add(f + "|" + s);
            }
        }
        return k;
    }

    static Set<String> dobKeys(MatchRecord r, Set<String> parts) {
        if (r.unborn() || r.birthDate() == null) {
            return Set.of();
        }
        Set<String> k = new LinkedHashSet<>();
        for (String p : parts) {
            k.add(r.birthDate() + ":" + p);
        }
        return k;
    }

    static Set<String> initials(MatchRecord r, NameVariants variants) {
        Set<String> k = new LinkedHashSet<>();
        for (String f : r.firstNames()) {
            if (f.isEmpty()) {
                continue;
            }
            k.add(f.substring(0, 1));
            for (String v : variants.group(f)) {
                k.add(v.substring(0, 1));
            }
        }
        return k;
    }

    static Set<String> surnameCodes(MatchRecord r) {
        Set<String> k = new LinkedHashSet<>();
        for (String f : r.familyNames()) {
            String c = Comparisons.phonetic(f);
            if (c != null) {
                k.add(c);
            }
        }
        return k;
    }
}
