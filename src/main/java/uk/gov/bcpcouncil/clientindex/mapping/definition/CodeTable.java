package uk.gov.bcpcouncil.clientindex.mapping.definition;

import java.util.Locale;
import java.util.Map;

/**
 * A code table from {@code mappings/code-tables/<name>.csv}: legacy value to target value. Look-ups
 * ignore case and surrounding spaces. Immutable and thread-safe.
 */
public record CodeTable(String name, String version, Map<String, String> entries) {

    public static String key(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** The target value, or null when the code is not in the table. */
    public String lookup(String sourceValue) {
        return entries.get(key(sourceValue));
    }
}
