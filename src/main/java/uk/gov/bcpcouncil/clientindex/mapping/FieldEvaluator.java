package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import uk.gov.bcpcouncil.clientindex.mapping.definition.CodeTable;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.EntityMapping;

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

    /** @param from the field's columns, as an array (no iterator per row) */
    private record CompiledField(String slot, String[] from, String join, UnaryOperator<String>[] transforms,
            CodeTable table) {
    }

    private final List<CompiledField> fields = new ArrayList<>();
    /** The slot maps' initial capacity: one entry per field without a resize. */
    private final int capacity;

    @SuppressWarnings("unchecked")
    FieldEvaluator(EntityMapping mapping, Map<String, CodeTable> tables) {
        mapping.fields().forEach((slot, field) -> fields.add(new CompiledField(slot,
                field.from().toArray(String[]::new), field.join(),
                field.transforms().stream().map(Transforms::of).toArray(UnaryOperator[]::new),
                field.codeTable() == null ? null : tables.get(field.codeTable()))));
        capacity = (int) (fields.size() / 0.75f) + 1;
    }

    Result evaluate(Map<String, String> row, String section) {
        Map<String, String> values = new HashMap<>(capacity);
        Map<String, String> sourceValues = new HashMap<>(capacity);
        List<String> issues = new ArrayList<>(0);
        List<CanonicalRecord.Unmapped> unmapped = new ArrayList<>(0);
        for (CompiledField f : fields) {
            String value = joined(row, f.from(), f.join());
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

    private static String joined(Map<String, String> row, String[] from, String join) {
        if (from.length == 1) { // most fields: one column, no builder needed
            String v = row.get(from[0]);
            return v == null || v.isBlank() ? null : v.strip();
        }
        StringBuilder sb = null;
        for (String column : from) {
            String v = row.get(column);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(v.strip());
            } else {
                sb.append(join).append(v.strip());
            }
        }
        return sb == null ? null : sb.toString();
    }
}
