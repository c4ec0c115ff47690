package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * First names, surnames and name variants by heritage, read from {@code generate/*.csv} on the
 * classpath. Lists keep file order, so draws are deterministic.
 */
final class NameCatalogue {

    /** Naming traditions the catalogue knows. */
    enum Group { BRITISH, IRISH, WELSH, POLISH, ROMANIAN, MUSLIM, SOUTH_ASIAN, AFRICAN, CARIBBEAN, CHINESE }

    /** Another form of a first name: a nickname (Alfie for Alfred) or another spelling (Mohammed). */
    record Variant(String name, boolean nickname) {
    }

    private static final NameCatalogue INSTANCE = new NameCatalogue();

    private final Map<Group, List<String>> boys = new EnumMap<>(Group.class);
    private final Map<Group, List<String>> girls = new EnumMap<>(Group.class);
    private final Map<Group, List<String>> surnames = new EnumMap<>(Group.class);
    private final List<String> accentedBoys = new ArrayList<>();
    private final List<String> accentedGirls = new ArrayList<>();
    private final List<String> accentedSurnames = new ArrayList<>();
    private final Map<Group, List<String>> accentedBoysByGroup = new EnumMap<>(Group.class);
    private final Map<Group, List<String>> accentedGirlsByGroup = new EnumMap<>(Group.class);
    private final Map<Group, List<String>> accentedSurnamesByGroup = new EnumMap<>(Group.class);
    private final Map<String, List<Variant>> variants = new HashMap<>(); // looked up only, never iterated

    private NameCatalogue() {
        for (CSVRecord row : read("generate/first-names.csv")) {
            Group group = Group.valueOf(row.get("group"));
            boolean boy = "M".equals(row.get("sex"));
            String name = row.get("name");
            (boy ? boys : girls).computeIfAbsent(group, g -> new ArrayList<>()).add(name);
            if (!isAscii(name)) {
                (boy ? accentedBoys : accentedGirls).add(name);
                (boy ? accentedBoysByGroup : accentedGirlsByGroup).computeIfAbsent(group, g -> new ArrayList<>()).add(name);
            }
        }
        for (CSVRecord row : read("generate/surnames.csv")) {
            String name = row.get("surname");
            Group group = Group.valueOf(row.get("group"));
            surnames.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
            if (!isAscii(name)) {
                accentedSurnamesByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
                if (!accentedSurnames.contains(name)) {
                    accentedSurnames.add(name);
                }
            }
        }
        for (CSVRecord row : read("generate/name-variants.csv")) {
            variants.computeIfAbsent(row.get("name"), n -> new ArrayList<>())
                    .add(new Variant(row.get("variant"), "NICKNAME".equals(row.get("type"))));
        }
        for (Group group : Group.values()) {
            if (!boys.containsKey(group) || !girls.containsKey(group) || !surnames.containsKey(group)) {
                throw new IllegalStateException("name catalogue lacks names for " + group);
            }
        }
    }

    static NameCatalogue get() {
        return INSTANCE;
    }

    String firstName(Group group, boolean boy, SplittableRandom random) {
        return pick((boy ? boys : girls).get(group), random);
    }

    /** An accented first name of the tradition if it has any, else of any tradition. */
    String accentedFirstName(Group group, boolean boy, SplittableRandom random) {
        List<String> own = (boy ? accentedBoysByGroup : accentedGirlsByGroup).get(group);
        return pick(own != null ? own : boy ? accentedBoys : accentedGirls, random);
    }

    String surname(Group group, SplittableRandom random) {
        return pick(surnames.get(group), random);
    }

    /** An accented surname of the tradition if it has any, else of any tradition. */
    String accentedSurname(Group group, SplittableRandom random) {
        List<String> own = accentedSurnamesByGroup.get(group);
        return pick(own != null ? own : accentedSurnames, random);
    }

    List<Variant> variants(String firstName) {
        return variants.getOrDefault(firstName, Collections.emptyList());
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<CSVRecord> read(String resource) {
        try (InputStream in = NameCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader).getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
