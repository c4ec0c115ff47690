package uk.gov.bcpcouncil.clientindex.mapping.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * One mapping file of {@code mappings/}: how one source system's rows fill the canonical record's slots.
 * Sections: {@code person} (required) and the child rows {@code address}, {@code involvement}, {@code alias}.
 */
public record MappingDefinition(@JsonProperty(required = true) SourceSystem source,
        @JsonProperty(required = true) Integer version,
        @JsonProperty(required = true) EntityMapping person, EntityMapping address, EntityMapping involvement,
        EntityMapping alias) {

    /**
     * @param excludedWhen a condition under which the record is not a client any more (EXCLUDED)
     * @param mergedWhen   a condition under which the source merged the record into another
     * @param fields       slot name to how it is filled, in file order
     */
    public record EntityMapping(@JsonProperty("excluded_when") Condition excludedWhen,
            @JsonProperty("merged_when") MergeRule mergedWhen,
            @JsonProperty(required = true) LinkedHashMap<String, FieldMapping> fields) {
    }

    /** True when {@code column}'s trimmed text is one of {@code in} (case-insensitive). */
    public record Condition(@JsonProperty(required = true) String column,
            @JsonProperty(required = true) List<String> in,
            @JsonProperty(required = true) String reason) {
    }

    public record MergeRule(@JsonProperty(required = true) String column,
            @JsonProperty(required = true) List<String> in,
            @JsonProperty(value = "target_column", required = true) String targetColumn) {
    }

    /**
     * @param from       one or more source columns; present values are joined with {@code join} (default a space)
     * @param transforms named transforms applied in order (see {@code Transforms})
     * @param codeTable  a code table in {@code mappings/code-tables/} applied last
     */
    public record FieldMapping(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @JsonProperty(required = true) List<String> from,
            String join, List<String> transforms, @JsonProperty("code_table") String codeTable) {
        public FieldMapping {
            join = join == null ? " " : join;
            transforms = transforms == null ? List.of() : List.copyOf(transforms);
        }
    }

    public Map<String, EntityMapping> sections() {
        Map<String, EntityMapping> s = new LinkedHashMap<>();
        s.put("person", person);
        if (address != null) {
            s.put("address", address);
        }
        if (involvement != null) {
            s.put("involvement", involvement);
        }
        if (alias != null) {
            s.put("alias", alias);
        }
        return s;
    }
}
