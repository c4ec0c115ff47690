package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import uk.gov.bcpcouncil.clientindex.mapping.definition.CodeTable;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.EntityMapping;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.FieldMapping;

/**
 * Fills one section's slots from one legacy row: joins the present {@code from} columns, applies the
 * transforms in order, then the code table. A code missing from its table becomes
 * {@link CanonicalRecord#UNMAPPED} and is noted, as is a code the table maps explicitly to {@code UNMAPPED}
 * (a known code with no target, such as a retired one); an unreadable value leaves the slot empty and is noted.
 * Transforms are resolved once at construction. Immutable and thread-safe.
 */
final class FieldEvaluator {

    /** The slots of one row, plus what went wrong filling them. */
    record Result(Map<String, String> values, Map<String, String> sourceValues, List<String> issues,
            List<CanonicalRecord.Unmapped> unmapped) {
        String get(String slot) {
            return values.get(slot);
        }
    }

    private record CompiledField(String slot, FieldMapping field, List<UnaryOperator<String>> transforms,
            CodeTable table) {
    }

    private final List<CompiledField> fields = new ArrayList<>();

    FieldEvaluator(EntityMapping mapping, Map<String, CodeTable> tables) {
        mapping.fields().forEach((slot, field) -> fields.add(new CompiledField(slot, field,
                field.transforms().stream().map(Transforms::of).toList(),
                field.codeTable() == null ? null : tables.get(field.codeTable()))));
    }

    Result evaluate(Map<String, String> row, String section) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> sourceValues = new HashMap<>();
        List<String> issues = new ArrayList<>(0);
        List<CanonicalRecord.Unmapped> unmapped = new ArrayList<>(0);
        for (CompiledField f : fields) {
            String value = joined(row, f.field());
            sourceValues.put(f.slot(), value);
            try {
                for (UnaryOperator<String> t : f.transforms()) {
                    if (value == null) {
                        break;
                    }
                    value = t.apply(value);
                }
            } catch (Transforms.InvalidValue e) {
                issues.add(section + "." + f.slot() + ": " + e.getMessage());
                value = null;
            }
            if (value != null && f.table() != null) {
                String mapped = f.table().lookup(value);
                if (mapped == null || mapped.equals(CanonicalRecord.UNMAPPED)) {
                    // missing from the table, or listed there as having no target code: counted either way
                    unmapped.add(new CanonicalRecord.Unmapped(f.slot(), value));
                    mapped = CanonicalRecord.UNMAPPED;
                }
                value = mapped;
            }
            values.put(f.slot(), value);
        }
        return new Result(values, sourceValues, issues, unmapped);
    }

    private static String joined(Map<String, String> row, FieldMapping field) {
        StringBuilder sb = null;
        for (String column : field.from()) {
            String v = row.get(column);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(v.strip());
            } else {
                sb.append(field.join()).append(v.strip());
            }
        }
        return sb == null ? null : sb.toString();
    }
}
