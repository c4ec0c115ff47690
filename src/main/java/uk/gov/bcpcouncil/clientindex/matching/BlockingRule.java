package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A blocking rule: records sharing a key are candidate pairs. The matcher unions the pairs of all its
 * rules and counts each rule's pairs. Pure function: thread-safe.
 */
public record BlockingRule(String name, Function<MatchRecord, Set<String>> keys, Set<String> fixes) {

    /** @param fixes the comparisons this rule's pairs agree on by construction: EM on its pairs leaves them out */
    public BlockingRule(String name, Function<MatchRecord, Set<String>> keys, String... fixes) {
        this(name, keys, Set.of(fixes));
    }

    /** The client index's rules: NHS number, UPN, date of birth, surname sound + birth year, postcode + initial. */
    public static List<BlockingRule> children() {
        return List.of(nhsNumber(), upn(), birthDate(), surnameSoundYear(), postcodeInitial(), namesSound(),
                postcodeSurname());
    }

    /** The FEBRL benchmark's rules (soc_sec_id blocks like any field; it is never a guard). */
    public static List<BlockingRule> febrl() {
        return List.of(new BlockingRule("SOC_SEC_ID", r -> one(r.attribute("soc_sec_id")), "SOC_SEC_ID"), birthDate(),
                surnameSoundYear(), postcodeInitial(), namesSound());
    }

    public static BlockingRule nhsNumber() {
        return new BlockingRule("NHS", r -> one(r.nhsNumber()), "NHS_NUMBER");
    }

    public static BlockingRule upn() {
        return new BlockingRule("UPN", r -> {
            Set<String> k = new LinkedHashSet<>(r.formerUpns());
            if (r.upn() != null) {
                k.add(r.upn());
            }
            return k;
        }, "UPN");
    }

    public static BlockingRule birthDate() {
        return new BlockingRule("DOB", r -> r.unborn() || r.birthDate() == null ? Set.of() : Set.of(r.birthDate().toString()),
                "DATE_OF_BIRTH");
    }

    /** Double Metaphone of any family name with the year of birth (or the expected year for an unborn child). */
    public static BlockingRule surnameSoundYear() {
        return new BlockingRule("SURNAME_SOUND_YEAR", r -> {
            int year = r.birthDate() != null ? r.birthDate().getYear() : r.expectedDate() != null ? r.expectedDate().getYear() : -1;
            if (year < 0) {
                return Set.of();
            }
            Set<String> k = new LinkedHashSet<>();
            for (String f : r.familyNames()) {
                String code = Comparisons.phonetic(f);
                if (code != null) {
                    k.add(code + ":" + year);
                }
            }
            return k;
        }, "SURNAME", "DATE_OF_BIRTH");
    }

    /** Any postcode of the history with the first letter of any first name. */
    public static BlockingRule postcodeInitial() {
        return new BlockingRule("POSTCODE_INITIAL", r -> {
            Set<String> k = new LinkedHashSet<>();
            for (String p : r.postcodes()) {
                for (String f : r.firstNames()) {
                    k.add(p + ":" + f.charAt(0));
                }
            }
            return k;
        }, "POSTCODE", "FIRST_NAME");
    }

    /** Any postcode of the history with the sound of any family name (finds an unborn record's born child). */
    public static BlockingRule postcodeSurname() {
        return new BlockingRule("POSTCODE_SURNAME", r -> {
            Set<String> k = new LinkedHashSet<>();
            for (String p : r.postcodes()) {
                for (String f : r.familyNames()) {
                    String code = Comparisons.phonetic(f);
                    if (code != null) {
                        k.add(p + ":" + code);
                    }
                }
            }
            return k;
        }, "POSTCODE", "SURNAME");
    }

    /** Double Metaphone of a first name with that of a family name, either way round (catches moved, re-dated records). */
    public static BlockingRule namesSound() {
        return new BlockingRule("NAMES_SOUND", r -> {
            Set<String> k = new LinkedHashSet<>();
            List<String> firsts = new ArrayList<>();
            for (String f : r.firstNames()) {
                String c = Comparisons.phonetic(f);
                if (c != null) {
                    firsts.add(c);
                }
            }
            for (String s : r.familyNames()) {
                String c = Comparisons.phonetic(s);
                if (c == null) {
                    continue;
                }
                for (String f : firsts) {
                    k.add(f.compareTo(c) <= 0 ? f + "|" + c : c + "|" + f);
                }
            }
            return k;
        }, "FIRST_NAME", "SURNAME");
    }

    private static Set<String> one(String v) {
        return v == null || v.isBlank() ? Set.of() : Set.of(v);
    }
}
