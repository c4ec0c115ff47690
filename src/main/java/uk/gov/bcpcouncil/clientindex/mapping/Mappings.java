package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.Map;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.definition.CodeTable;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition;

/**
 * The validated contents of {@code mappings/}: one definition per source, the code tables, and the
 * SHA-256 checksum of every file, recorded with each run (a restart with different mappings is refused).
 * Immutable and thread-safe.
 */
public record Mappings(Map<SourceSystem, MappingDefinition> definitions, Map<String, CodeTable> codeTables,
        String checksum, Map<String, String> fileChecksums) {

    /** The files' checksums as one job-parameter value: {@code path=sha256;path=sha256...} in path order. */
    public String fileChecksumsParameter() {
        StringBuilder sb = new StringBuilder();
        fileChecksums.forEach((file, sha) -> sb.append(sb.length() == 0 ? "" : ";").append(file).append('=').append(sha));
        return sb.toString();
    }

    /** Reads {@link #fileChecksumsParameter()} back; empty for null. */
    public static Map<String, String> parseFileChecksums(String parameter) {
        Map<String, String> m = new java.util.TreeMap<>();
        if (parameter != null && !parameter.isEmpty()) {
            for (String entry : parameter.split(";")) {
                int eq = entry.lastIndexOf('=');
                m.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return m;
    }

    /** Files added, removed or changed between {@code before} and {@code after}, for a refusal message. */
    public static java.util.List<String> changedFiles(Map<String, String> before, Map<String, String> after) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (String name : names) {
            String b = before.get(name);
            String a = after.get(name);
            if (b == null) {
                changed.add(name + " (added)");
            } else if (a == null) {
                changed.add(name + " (removed)");
            } else if (!a.equals(b)) {
                changed.add(name + " (changed)");
            }
        }
        return changed;
    }

    public MappingDefinition definition(SourceSystem source) {
        return definitions.get(source);
    }
}
