package uk.gov.bcpcouncil.clientindex.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingException;

/**
 * The survivorship rules of {@value #FILE}: for each golden field a strategy ({@link Strategy}) and, for
 * {@code source_priority}, the order of the sources. Validated on load: every golden field has a rule, no
 * unknown field, strategy or source. Immutable and thread-safe.
 */
public record SurvivorshipRules(List<SourceSystem> defaultPriority, Map<String, Rule> fields) {

    public static final String FILE = "survivorship.yaml";

    /** The golden fields, in the order of the client record. */
    public static final List<String> FIELDS = List.of("given_name", "family_name", "birth_date", "expected_birth_date",
            "sex", "nhs_number", "upn", "ethnicity", "postcode");

    public enum Strategy {
        MOST_RECENT, MOST_COMPLETE, SOURCE_PRIORITY
    }

    /** One field's rule: a strategy and the source order it uses. */
    public record Rule(Strategy strategy, List<SourceSystem> sources) {
    }

    /** The file's shape. */
    record Definition(@JsonProperty(required = true) Integer version,
            @JsonProperty(value = "default_source_priority", required = true) List<String> defaultSourcePriority,
            @JsonProperty(required = true) Map<String, FieldDefinition> fields) {
    }

    record FieldDefinition(@JsonProperty(required = true) String strategy, List<String> sources) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The rules the project ships ({@code mappings/survivorship.yaml}), for code without a mappings folder. */
    public static SurvivorshipRules defaults() {
        List<SourceSystem> order = List.of(SourceSystem.POOLE, SourceSystem.BOURNEMOUTH, SourceSystem.CHRISTCHURCH);
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("given_name", new Rule(Strategy.MOST_COMPLETE, order));
        rules.put("family_name", new Rule(Strategy.MOST_RECENT, order));
        rules.put("birth_date", new Rule(Strategy.MOST_COMPLETE, order));
        rules.put("expected_birth_date", new Rule(Strategy.MOST_RECENT, order));
        rules.put("sex", new Rule(Strategy.MOST_RECENT, order));
        rules.put("nhs_number", new Rule(Strategy.SOURCE_PRIORITY, order));
        rules.put("upn", new Rule(Strategy.MOST_RECENT, order));
        rules.put("ethnicity", new Rule(Strategy.SOURCE_PRIORITY,
                List.of(SourceSystem.POOLE, SourceSystem.CHRISTCHURCH, SourceSystem.BOURNEMOUTH)));
        rules.put("postcode", new Rule(Strategy.MOST_RECENT, order));
        return new SurvivorshipRules(order, rules);
    }

    public Rule rule(String field) {
        return fields.get(field);
    }

    /** Reads and validates {@code <directory>/survivorship.yaml}; a {@link MappingException} names each problem. */
    public static SurvivorshipRules load(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new MappingException("survivorship file " + file + " is missing");
        }
        Definition def;
        try {
            def = YAML.readValue(file.toFile(), Definition.class);
        } catch (JacksonException e) {
            throw new MappingException(FILE + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": " + e.getOriginalMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<SourceSystem> order = sources(def.defaultSourcePriority(), "default_source_priority", problems);
        if (order.size() != SourceSystem.values().length && problems.isEmpty()) {
            problems.add("default_source_priority: must name every source once " + List.of(SourceSystem.values()));
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        def.fields().forEach((field, f) -> {
            if (!FIELDS.contains(field)) {
                problems.add("fields." + field + ": unknown golden field (known: " + FIELDS + ")");
                return;
            }
            Strategy strategy = null;
            try {
                strategy = Strategy.valueOf(f.strategy().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("fields." + field + ".strategy: unknown strategy '" + f.strategy()
                        + "' (known: most_recent, most_complete, source_priority)");
            }
            if (f.sources() != null && strategy != Strategy.SOURCE_PRIORITY) {
                problems.add("fields." + field + ".sources: only for strategy source_priority");
            }
            List<SourceSystem> fieldOrder = f.sources() == null ? order
                    : sources(f.sources(), "fields." + field + ".sources", problems);
            rules.put(field, new Rule(strategy, fieldOrder));
        });
        for (String field : FIELDS) {
            if (!def.fields().containsKey(field)) {
                problems.add("fields." + field + ": no rule for this golden field");
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(FILE + ": " + String.join("; ", problems));
        }
        return new SurvivorshipRules(order, rules);
    }

    private static List<SourceSystem> sources(List<String> names, String where, List<String> problems) {
        List<SourceSystem> order = new ArrayList<>();
        Set<SourceSystem> seen = EnumSet.noneOf(SourceSystem.class);
        for (String name : names) {
            try {
                SourceSystem s = SourceSystem.valueOf(name);
                if (!seen.add(s)) {
                    problems.add(where + ": " + name + " appears twice");
                }
                order.add(s);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": unknown source '" + name + "' (known: " + List.of(SourceSystem.values()) + ")");
            }
        }
        return order;
    }
}
