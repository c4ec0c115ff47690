package uk.gov.bcpcouncil.clientindex.matching;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;
import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * The first-name variant table ({@code mappings/name-variants.csv}: {@code name,variant,type} with a
 * {@code # version:} line): names joined by pairs form a group, and two names are variants when they are
 * in one group. Names are compared as match keys. Immutable and thread-safe.
 */
public final class NameVariants {

    public static final String FILE = "name-variants.csv";

    private final Map<String, Integer> groupOf;
    private final Set<String> spellingPairs;
    private final Map<Integer, List<String>> members;
    private final String version;

    private NameVariants(Map<String, Integer> groupOf, Set<String> spellingPairs, String version) {
        this.groupOf = groupOf;
        this.spellingPairs = spellingPairs;
        this.version = version;
        Map<Integer, List<String>> m = new HashMap<>();
        groupOf.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.computeIfAbsent(e.getValue(), k -> new java.util.ArrayList<>()).add(e.getKey()));
        this.members = Map.copyOf(m);
    }

    public static NameVariants none() {
        return new NameVariants(Map.of(), Set.of(), "none");
    }

    public static NameVariants load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read name variants " + file + ": " + e.getMessage());
        }
    }

    public static NameVariants parse(String text, String origin) {
        String version = text.lines().filter(l -> l.startsWith("# version:")).map(l -> l.substring(10).trim())
                .findFirst().orElseThrow(() -> new ConfigurationException(origin + ": no '# version:' line"));
        Map<String, String> parent = new HashMap<>();
        Set<String> spelling = new HashSet<>();
        try (Reader reader = new StringReader(text);
                var parser = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true).setTrim(true).get().parse(reader)) {
            for (CSVRecord r : parser) {
                String a = NameNormaliser.matchKey(r.get("name"));
                String b = NameNormaliser.matchKey(r.get("variant"));
                if (a == null || b == null) {
                    throw new ConfigurationException(origin + " line " + parser.getCurrentLineNumber() + ": empty name");
                }
                union(parent, a, b);
                if ("SPELLING".equals(r.isMapped("type") ? r.get("type") : null)) {
                    spelling.add(pairKey(a, b));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException(origin + ": " + e.getMessage());
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> groupOf = new HashMap<>();
        for (String name : parent.keySet().stream().sorted().toList()) {
            groupOf.put(name, ids.computeIfAbsent(find(parent, name), k -> ids.size()));
        }
        return new NameVariants(Map.copyOf(groupOf), Set.copyOf(spelling), version);
    }

    /**
     * Whether the table lists the two names as other spellings of one name (Sophie/Sophia, Louis/Louie): parents
     * do give such names to twins, unlike a nickname and its full name (Alfie/Alfred), so the twins guard treats
     * them as possibly two children.
     */
    public boolean spellingOnly(String a, String b) {
        return a != null && b != null && spellingPairs.contains(pairKey(a, b));
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    /** Whether two match keys are the same name or variants of each other. */
    public boolean variants(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        Integer ga = groupOf.get(a);
        return ga != null && ga.equals(groupOf.get(b));
    }

    /** The other names of the name's group (empty when the table does not know it). */
    public List<String> group(String name) {
        Integer g = name == null ? null : groupOf.get(name);
        if (g == null) {
            return List.of();
        }
        return members.getOrDefault(g, List.of());
    }

    public boolean known(String name) {
        return groupOf.containsKey(name);
    }

    public String version() {
        return version;
    }

    public int size() {
        return groupOf.size();
    }

    /** The names of each group (for tests and the report). */
    public Set<Set<String>> groups() {
        return groupOf.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.toSet()))).values().stream()
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

}
