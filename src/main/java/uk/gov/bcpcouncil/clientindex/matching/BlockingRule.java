package uk.gov.bcpcouncil.clientindex.matching;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A blocking rule: records sharing a key are candidate pairs. The matcher unions the pairs of all its
 * rules and counts each rule's pairs. A one-sided rule ({@code probe} not null) pairs, within a block, only
 * records of which at least one is a probe: records lacking a field (a date of birth) meet every record with
 * the same key, while two records that both have the field are left to the rules that use it, so the rule's
 * pairs grow with the probes, not with the square of the population. Pure function: thread-safe.
 *
 * @param probe null: every two records sharing a key are a pair; else only pairs holding at least one probe
 */
public record BlockingRule(String name, KeyMaker maker, Set<String> fixes, Predicate<MatchRecord> probe) {

    /**
     * Gives one record's keys to a {@link BlockingKeys}, part by part: as strings or as hashes, from one definition.
     * Pure function of the record: thread-safe.
     */
    @FunctionalInterface
    public interface KeyMaker {
        void keys(MatchRecord record, BlockingKeys keys);
    }

    /** @param fixes the comparisons this rule's pairs agree on by construction: EM on its pairs leaves them out */
    public BlockingRule(String name, KeyMaker maker, String... fixes) {
        this(name, maker, Set.of(fixes), null);
    }

    public BlockingRule(String name, KeyMaker maker, Set<String> fixes) {
        this(name, maker, fixes, null);
    }

    /** A rule whose keys are given as whole strings (simple rules, tests). */
    public BlockingRule(String name, Function<MatchRecord, Set<String>> keys, String... fixes) {
        this(name, whole(keys), Set.of(fixes), null);
    }

    private static KeyMaker whole(Function<MatchRecord, Set<String>> keys) {
        return (r, k) -> {
            for (String key : keys.apply(r)) {
                k.key(key);
            }
        };
    }

    /** This rule under another name. */
    public BlockingRule renamed(String newName) {
        return new BlockingRule(newName, maker, fixes, probe);
    }

    /** The record's keys as strings (the matcher uses their hashes, {@link BlockingKeys.Hashes}). */
    public Set<String> keysOf(MatchRecord r) {
        BlockingKeys.Strings k = new BlockingKeys.Strings();
        maker.keys(r, k);
        return k.keys();
    }

    /**
     * The client index's rules, chosen so that candidate pairs grow about linearly with the population (every key
     * combines two fields, or is one-sided), measured against the generator's ground truth with
     * {@code BlockingLab} (tests): 0.7 pairs per record at 100,000 children, 1.5 at 300,000 and 4.2 at a million
     * before the undated rule asked for a middle name (1.0 at 300,000 since),
     * holding about 98% of the true pairs (those left out are unborn and born records without a place in common,
     * which the unborn rule would not link). The earlier rules (date of birth alone, a family name's sound with the
     * year, names' sound) made 13.4 pairs per record at 100,000 children and grew with the square of the
     * population (15 million pairs at 300,000, out of memory at a million): a date of birth or a pair of common
     * names is shared by more and more unrelated children as the population grows.
     * <ul>
     * <li>{@code NHS}, {@code UPN}: the same identifier;</li>
     * <li>{@code DOB}: the date of birth with the sound of a first name (or of a variant of it) or of a family
     * name: a record whose family name changed meets by its first name, a nickname by its family name;</li>
     * <li>{@code NAMES_SOUND_DATE}: the sounds of a first name (or variant) and a family name, either way round,
     * with two of the three parts of the date: a date with one part mistyped, or day and month swapped, keeps a
     * key;</li>
     * <li>{@code NAMES_SOUND_UNDATED}: the same names' sound with the sex and a middle name's sound, one-sided for
     * a record without a date of birth (it meets every record of those names and middle name; two dated records are
     * left to the rules above);</li>
     * <li>{@code POSTCODE_FIRST_NAME}, {@code POSTCODE_SURNAME}, {@code ADDRESS_SURNAME}: any postcode or address
     * of the history with a first name's (or variant's) or a family name's sound.</li>
     * </ul>
     */
    public static List<BlockingRule> children(NameVariants variants) {
        return List.of(nhsNumber(), upn(), birthDateWithName(variants), namesSoundDate(variants),
                namesSoundUndated(variants), postcodeFirstName(variants), postcodeSurname(), addressSurname());
    }

    /**
     * The rules whose pairs train the model (one EM session each, sampled at scale; see
     * {@code ProbabilisticMatcher}): broad rules whose pairs are mostly unrelated records, as a matcher blocking
     * on them would compare.
     */
    public static List<BlockingRule> childrenTraining() {
        return List.of(nhsNumber(), upn(), birthDate(), surnameSoundYearRefined(), postcodeInitial(), namesSound(),
                postcodeSurname());
    }

    /** The date of birth with the sound of any first name or variant of it ({@code F}) or of any family name ({@code S}). */
    public static BlockingRule birthDateWithName(NameVariants variants) {
        return new BlockingRule("DOB", (r, k) -> {
            if (r.unborn() || r.birthDate() == null) {
                return;
            }
            java.time.LocalDate date = r.birthDate();
            for (String f : firstNameSounds(r, variants)) {
                k.start().add(date).add(":F").add(f).end();
            }
            for (String s : familyNameSounds(r)) {
                k.start().add(date).add(":S").add(s).end();
            }
        }, "DATE_OF_BIRTH");
    }

    /**
     * Names' sound with two of the three parts of the date (year and month, month and day, year and day; three keys
     * per name): a date with one part mistyped, or day and month swapped, keeps at least one key.
     */
    public static BlockingRule namesSoundDate(NameVariants variants) {
        return new BlockingRule("NAMES_SOUND_DATE", (r, k) -> {
            java.time.LocalDate d = dated(r);
            if (d == null) {
                return;
            }
            int year = d.getYear();
            int month = d.getMonthValue();
            int day = d.getDayOfMonth();
            List<String> firsts = firstNameSounds(r, variants);
            for (String s : familyNameSounds(r)) {
                for (String f : firsts) {
                    namesSound(k, f, s).add(":Y").add(year).add('M').add(month).end();
                    namesSound(k, f, s).add(":M").add(month).add('D').add(day).end();
                    namesSound(k, f, s).add(":Y").add(year).add('D').add(day).end();
                    if (day <= 12) {
                        namesSound(k, f, s).add(":Y").add(year).add('M').add(day).end(); // day and month swapped
                    }
                }
            }
        }, "FIRST_NAME", "SURNAME");
    }

    /**
     * Names' sound with the sex (both sexes when it is not known) and the sound of a middle name, for every record
     * with a middle name, one-sided: only pairs holding a record without a date of birth. Without a date, the
     * middle name is what can carry such a pair to a match (names and sex alone stay below the review weight unless
     * both names are rare); without it the rule's pairs grew with the square of the population (2.2 million of the
     * 5.4 million candidate pairs at a million children) and sent about 1,700 pairs to review at 300,000 children
     * for 52 true pairs found (measured with {@code MatcherLab}). The sex halves the pairs of common names.
     */
    public static BlockingRule namesSoundUndated(NameVariants variants) {
        return new BlockingRule("NAMES_SOUND_UNDATED", (r, k) -> {
            List<String> middles = r.middleNames();
            if (middles.isEmpty()) {
                return;
            }
            boolean known = Comparisons.known(r.sex());
            List<String> firsts = firstNameSounds(r, variants);
            for (String middle : middles) {
                String m = Comparisons.phonetic(middle);
                if (m == null) {
                    continue;
                }
                for (String s : familyNameSounds(r)) {
                    for (String f : firsts) {
                        if (known) {
                            namesSound(k, f, s).add(':').add(r.sex()).add(':').add(m).end();
                        } else {
                            namesSound(k, f, s).add(":F:").add(m).end();
                            namesSound(k, f, s).add(":M:").add(m).end();
                        }
                    }
                }
            }
        }, Set.of("FIRST_NAME", "SURNAME"), r -> r.birthDate() == null);
    }

    /** Any postcode of the history with the sound of any first name or of a variant of it. */
    public static BlockingRule postcodeFirstName(NameVariants variants) {
        return new BlockingRule("POSTCODE_FIRST_NAME", (r, k) -> crossed(k, r.postcodes(), firstNameSounds(r, variants)),
                "POSTCODE", "FIRST_NAME");
    }

    /**
     * Any address of the history with the sound of any family name: a household's records meet (an unborn child's
     * record and the born child's at the same address without a postcode in common, among others).
     */
    public static BlockingRule addressSurname() {
        return new BlockingRule("ADDRESS_SURNAME", (r, k) -> crossed(k, r.addresses(), familyNameSounds(r)), "ADDRESS",
                "SURNAME");
    }

    /** Every place with every name sound, {@code place:sound}. */
    private static void crossed(BlockingKeys k, List<String> places, List<String> sounds) {
        for (String p : places) {
            for (String s : sounds) {
                k.start().add(p).add(':').add(s).end();
            }
        }
    }

    /** Starts the key of a first name's sound and a family name's, either way round: {@code A|B} with A before B. */
    private static BlockingKeys namesSound(BlockingKeys k, String first, String family) {
        return first.compareTo(family) <= 0 ? k.start().add(first).add('|').add(family)
                : k.start().add(family).add('|').add(first);
    }

    private static java.time.LocalDate dated(MatchRecord r) {
        return r.birthDate() != null ? r.birthDate() : r.expectedDate();
    }

    /** No variant table: first names' own sounds only (the rules from before the variant-aware ones). */
    private static final NameVariants NO_VARIANTS = NameVariants.none();

    /** Double Metaphone codes of every first name and of every variant of it, each once, in order. */
    static List<String> firstNameSounds(MatchRecord r, NameVariants variants) {
        if (SOUNDS.size() > 100_000) {
            SOUNDS.clear(); // bounded: a few thousand names recur; tables of earlier runs are let go
        }
        List<String> names = r.firstNames();
        if (names.size() == 1) {
            return SOUNDS.computeIfAbsent(new NameInTable(names.get(0), variants), BlockingRule::sounds);
        }
        Set<String> k = new LinkedHashSet<>();
        for (String f : names) {
            k.addAll(SOUNDS.computeIfAbsent(new NameInTable(f, variants), BlockingRule::sounds));
        }
        return List.copyOf(k);
    }

    /** A first name with the variant table it is looked up in (tests use several tables). */
    private record NameInTable(String name, NameVariants variants) {
    }

    /** The codes of one first name and its variants, remembered: four rules ask for them for every record. */
    private static final java.util.Map<NameInTable, List<String>> SOUNDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> sounds(NameInTable n) {
        Set<String> k = new LinkedHashSet<>();
        String c = Comparisons.phonetic(n.name());
        if (c != null) {
            k.add(c);
        }
        for (String v : n.variants().group(n.name())) {
            String cv = Comparisons.phonetic(v);
            if (cv != null) {
                k.add(cv);
            }
        }
        return List.copyOf(k);
    }

    /** Double Metaphone codes of every family name, each once, in order. */
    static List<String> familyNameSounds(MatchRecord r) {
        List<String> names = r.familyNames();
        if (names.size() == 1) {
            String c = Comparisons.phonetic(names.get(0));
            return c == null ? List.of() : List.of(c);
        }
        Set<String> k = new LinkedHashSet<>();
        for (String f : names) {
            String c = Comparisons.phonetic(f);
            if (c != null) {
                k.add(c);
            }
        }
        return List.copyOf(k);
    }

    /** The FEBRL benchmark's rules (soc_sec_id blocks like any field; it is never a guard). */
    public static List<BlockingRule> febrl() {
        return List.of(new BlockingRule("SOC_SEC_ID", (r, k) -> one(k, r.attribute("soc_sec_id")), "SOC_SEC_ID"),
                birthDate(), surnameSoundYear(), postcodeInitial(), namesSound());
    }

    public static BlockingRule nhsNumber() {
        return new BlockingRule("NHS", (r, k) -> one(k, r.nhsNumber()), "NHS_NUMBER");
    }

    public static BlockingRule upn() {
        return new BlockingRule("UPN", (r, k) -> {
            for (String former : r.formerUpns()) {
                k.key(former);
            }
            if (r.upn() != null) {
                k.key(r.upn());
            }
        }, "UPN");
    }

    public static BlockingRule birthDate() {
        return new BlockingRule("DOB", (r, k) -> {
            if (!r.unborn() && r.birthDate() != null) {
                k.start().add(r.birthDate()).end();
            }
        }, "DATE_OF_BIRTH");
    }

    /** Double Metaphone of any family name with the year of birth (or the expected year for an unborn child). */
    public static BlockingRule surnameSoundYear() {
        return new BlockingRule("SURNAME_SOUND_YEAR", (r, k) -> {
            java.time.LocalDate date = dated(r);
            if (date == null) {
                return;
            }
            for (String f : r.familyNames()) {
                String code = Comparisons.phonetic(f);
                if (code != null) {
                    k.start().add(code).add(':').add(date.getYear()).end();
                }
            }
        }, "SURNAME", "DATE_OF_BIRTH");
    }

    /**
     * {@link #surnameSoundYear()} refined for a large population: the sound of a family name and the year of
     * birth, with either the initial of a first name or the month of birth (two keys per name). Two records
     * still meet when they share a name's sound, a year and either an initial or a month; they are lost to this
     * rule only when their first names begin differently and their months differ too, and such a pair must then
     * be found by the other rules (exact date of birth, names' sound, postcode). At 100,000 children the
     * unrefined rule made about 2.4 million pairs, mostly between unrelated children of a common surname.
     * Same name as the unrefined rule: it plays the same part in the report and in EM.
     */
    public static BlockingRule surnameSoundYearRefined() {
        return new BlockingRule("SURNAME_SOUND_YEAR", (r, k) -> {
            java.time.LocalDate date = dated(r);
            if (date == null) {
                return;
            }
            for (String f : r.familyNames()) {
                String code = Comparisons.phonetic(f);
                if (code == null) {
                    continue;
                }
                k.start().add(code).add(':').add(date.getYear()).add(":M").add(date.getMonthValue()).end();
                for (String first : r.firstNames()) {
                    if (!first.isEmpty()) {
                        k.start().add(code).add(':').add(date.getYear()).add(":I").add(first.charAt(0)).end();
                    }
                }
            }
        }, "SURNAME", "DATE_OF_BIRTH");
    }

    /** Any postcode of the history with the first letter of any first name. */
    public static BlockingRule postcodeInitial() {
        return new BlockingRule("POSTCODE_INITIAL", (r, k) -> {
            for (String p : r.postcodes()) {
                for (String f : r.firstNames()) {
                    k.start().add(p).add(':').add(f.charAt(0)).end();
                }
            }
        }, "POSTCODE", "FIRST_NAME");
    }

    /** Any postcode of the history with the sound of any family name (finds an unborn record's born child). */
    public static BlockingRule postcodeSurname() {
        return new BlockingRule("POSTCODE_SURNAME", (r, k) -> crossed(k, r.postcodes(), familyNameSounds(r)), "POSTCODE",
                "SURNAME");
    }

    /** Double Metaphone of a first name with that of a family name, either way round (catches moved, re-dated records). */
    public static BlockingRule namesSound() {
        return new BlockingRule("NAMES_SOUND", (r, k) -> {
            List<String> firsts = firstNameSounds(r, NO_VARIANTS);
            for (String s : familyNameSounds(r)) {
                for (String f : firsts) {
                    namesSound(k, f, s).end();
                }
            }
        }, "FIRST_NAME", "SURNAME");
    }

    private static void one(BlockingKeys k, String v) {
        if (v != null && !v.isBlank()) {
            k.key(v);
        }
    }
}
