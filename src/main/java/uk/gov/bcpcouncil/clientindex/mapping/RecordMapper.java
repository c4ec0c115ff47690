package uk.gov.bcpcouncil.clientindex.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchLineMapper;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord.Address;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord.Involvement;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord.OtherName;
import uk.gov.bcpcouncil.clientindex.mapping.MappedRecord.Outcome;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.Condition;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.NhsNumbers;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Postcodes;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Upns;
import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * Map and validate: turns a staged legacy person (with its child rows) into a {@link MappedRecord} using
 * the source's mapping definition. Never returns null and never drops a record: every input leaves as a
 * candidate, a merged-in-source record, an exclusion or a reject with a reason code:
 * <ul>
 * <li>{@code MALFORMED_ROW}: the source row could not be read into columns, or a value of it was unreadable
 * (see {@code extract.RowChecks}); the detailed reason stays with the staged row. A malformed address,
 * involvement or alias row is left out of its record and noted as an issue on it</li>
 * <li>{@code INSUFFICIENT_IDENTITY}: no real name, no date of birth or expected date, no valid NHS number</li>
 * <li>{@code MERGE_TARGET_MISSING}: merged in the source but the survivor is not named</li>
 * <li>the {@code excluded_when} reason of the mapping file (e.g. {@code SOFT_DELETED})</li>
 * </ul>
 * Pure function of its input and the mappings: a replayed chunk maps identically (idempotent). Restart keys:
 * none (no state). Thread-safe: the compiled mappings are immutable after construction.
 */
public class RecordMapper implements ItemProcessor<StagedPerson, MappedRecord> {

    private final Map<SourceSystem, Compiled> compiled = new EnumMap<>(SourceSystem.class);

    private record Compiled(MappingDefinition def, FieldEvaluator person, FieldEvaluator address,
            FieldEvaluator involvement, FieldEvaluator alias) {
    }

    public RecordMapper(Mappings mappings) {
        mappings.definitions().forEach((source, def) -> compiled.put(source, new Compiled(def,
                new FieldEvaluator(def.person(), mappings.codeTables()),
                def.address() == null ? null : new FieldEvaluator(def.address(), mappings.codeTables()),
                def.involvement() == null ? null : new FieldEvaluator(def.involvement(), mappings.codeTables()),
                def.alias() == null ? null : new FieldEvaluator(def.alias(), mappings.codeTables()))));
    }

    @Override
    public MappedRecord process(StagedPerson staged) {
        String malformed = staged.person().get(ChristchurchLineMapper.MALFORMED);
        if (malformed != null) {
            return new MappedRecord(staged.source(), staged.recordId(), Outcome.REJECTED, "MALFORMED_ROW", null, null);
        }
        Compiled c = compiled.get(staged.source());
        CanonicalRecord record = canonical(staged, c);
        MappingDefinition.EntityMapping pm = c.def().person();
        if (matches(pm.excludedWhen(), staged.person())) {
            return new MappedRecord(staged.source(), staged.recordId(), Outcome.EXCLUDED, pm.excludedWhen().reason(),
                    null, record);
        }
        if (pm.mergedWhen() != null && matchesAny(pm.mergedWhen().column(), pm.mergedWhen().in(), staged.person())) {
            String target = staged.person().get(pm.mergedWhen().targetColumn());
            if (target == null || target.isBlank()) {
                return new MappedRecord(staged.source(), staged.recordId(), Outcome.REJECTED, "MERGE_TARGET_MISSING",
                        null, record);
            }
            return new MappedRecord(staged.source(), staged.recordId(), Outcome.MERGED_IN_SOURCE, null, target.strip(),
                    record);
        }
        boolean noName = record.givenNames().isEmpty() && record.familyName() == null;
        boolean noDate = record.birthDate() == null && record.expectedBirthDate() == null;
        if (noName && noDate && !record.nhsNumber().status().usableAsEvidence()) {
            return new MappedRecord(staged.source(), staged.recordId(), Outcome.REJECTED, "INSUFFICIENT_IDENTITY", null,
                    record);
        }
        return new MappedRecord(staged.source(), staged.recordId(), Outcome.CANDIDATE, null, null, record);
    }

    private static boolean matches(Condition condition, Map<String, String> row) {
        return condition != null && matchesAny(condition.column(), condition.in(), row);
    }

    private static boolean matchesAny(String column, List<String> values, Map<String, String> row) {
        String v = row.get(column);
        if (v == null) {
            return false;
        }
        String t = v.strip();
        return values.stream().anyMatch(x -> x.equalsIgnoreCase(t));
    }

    private static CanonicalRecord canonical(StagedPerson staged, Compiled c) {
        FieldEvaluator.Result p = c.person().evaluate(staged.person(), "person");
        List<String> issues = new ArrayList<>(p.issues());
        List<CanonicalRecord.Unmapped> unmapped = new ArrayList<>(p.unmapped());

        List<String> given = NameNormaliser.splitGiven(p.get(Slots.GIVEN_NAMES));
        String family = p.get(Slots.FAMILY_NAME);
        boolean placeholder = NameNormaliser.isPlaceholder(p.get(Slots.GIVEN_NAMES), family);
        if (placeholder) {
            given = List.of();
            if (family != null && NameNormaliser.isPlaceholder(null, family)) {
                family = null;
            }
        }
        List<OtherName> otherNames = new ArrayList<>();
        String preferred = p.get(Slots.PREFERRED_NAME);
        if (preferred != null && !NameNormaliser.isPlaceholder(preferred, null)) {
            otherNames.add(new OtherName("PREFERRED", NameNormaliser.splitGiven(preferred), null));
        }
        String aliasList = p.get(Slots.OTHER_NAMES);
        if (aliasList != null) {
            for (String alias : aliasList.split(";")) {
                otherNames.add(fromFullName(alias));
            }
        }
        if (c.alias() != null) {
            for (Map<String, String> row : staged.aliases()) {
                if (row.containsKey(ChristchurchLineMapper.MALFORMED)) {
                    issues.add("alias row rejected as malformed: " + row.get(ChristchurchLineMapper.MALFORMED));
                    continue;
                }
                FieldEvaluator.Result a = c.alias().evaluate(row, "alias");
                issues.addAll(a.issues());
                otherNames.add(new OtherName(a.get(Slots.ALIAS_KIND) == null ? "ALIAS" : a.get(Slots.ALIAS_KIND),
                        NameNormaliser.splitGiven(a.get(Slots.GIVEN_NAMES)), a.get(Slots.FAMILY_NAME)));
            }
        }

        String kind = p.get(Slots.BIRTH_DATE_KIND);
        kind = kind == null ? "ACTUAL" : kind;
        LocalDate date = date(p.get(Slots.BIRTH_DATE));
        LocalDate birthDate = "EXPECTED".equals(kind) ? null : date;
        LocalDate expected = "EXPECTED".equals(kind) ? date : null;

        List<Address> addresses = new ArrayList<>();
        if (p.values().containsKey(Slots.ADDRESS_TEXT) || p.values().containsKey(Slots.POSTCODE)) {
            String pc = p.sourceValues().get(Slots.POSTCODE);
            if (p.get(Slots.ADDRESS_TEXT) != null || pc != null) {
                addresses.add(new Address(p.get(Slots.ADDRESS_TEXT), Postcodes.check(pc), null, null));
            }
        }
        if (c.address() != null) {
            for (Map<String, String> row : staged.addresses()) {
                if (row.containsKey(ChristchurchLineMapper.MALFORMED)) {
                    issues.add("address row rejected as malformed: " + row.get(ChristchurchLineMapper.MALFORMED));
                    continue;
                }
                FieldEvaluator.Result a = c.address().evaluate(row, "address");
                issues.addAll(a.issues());
                addresses.add(new Address(a.get(Slots.ADDRESS_TEXT), Postcodes.check(a.get(Slots.POSTCODE)),
                        date(a.get(Slots.FROM_DATE)), date(a.get(Slots.TO_DATE))));
            }
        }
        List<Involvement> involvements = new ArrayList<>();
        if (c.involvement() != null) {
            for (Map<String, String> row : staged.involvements()) {
                if (row.containsKey(ChristchurchLineMapper.MALFORMED)) {
                    issues.add("involvement row rejected as malformed: " + row.get(ChristchurchLineMapper.MALFORMED));
                    continue;
                }
                FieldEvaluator.Result i = c.involvement().evaluate(row, "involvement");
                issues.addAll(i.issues());
                unmapped.addAll(i.unmapped());
                involvements.add(new Involvement(i.get(Slots.INVOLVEMENT_TYPE), i.get(Slots.INVOLVEMENT_CODE),
                        i.get(Slots.LEGAL_STATUS),
                        date(i.get(Slots.FROM_DATE)), date(i.get(Slots.TO_DATE))));
            }
        }
        IdentifierCheck nhs = NhsNumbers.check(p.get(Slots.NHS_NUMBER));
        IdentifierCheck upn = Upns.check(p.get(Slots.UPN));
        return new CanonicalRecord(staged.source(), staged.recordId(), given, family, otherNames, birthDate, kind,
                expected, p.get(Slots.SEX), p.sourceValues().get(Slots.SEX), nhs, upn, p.get(Slots.ETHNICITY),
                p.sourceValues().get(Slots.ETHNICITY), date(p.get(Slots.DATE_OF_DEATH)), addresses, involvements,
                p.get(Slots.LAST_UPDATED), placeholder, issues, unmapped);
    }

    /** "FORENAMES SURNAME": the last word is the family name. */
    private static OtherName fromFullName(String full) {
        List<String> words = NameNormaliser.splitGiven(full);
        if (words.size() <= 1) {
            return new OtherName("ALIAS", List.of(), words.isEmpty() ? null : words.get(0));
        }
        return new OtherName("ALIAS", words.subList(0, words.size() - 1), words.get(words.size() - 1));
    }

    private static LocalDate date(String iso) {
        if (iso == null) {
            return null;
        }
        LocalDate quick = FixedDates.ISO.parse(iso);
        return quick != null && quick != FixedDates.INVALID ? quick : LocalDate.parse(iso.toLowerCase(Locale.ROOT));
    }
}
