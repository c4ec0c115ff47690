package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * The golden set ({@code src/test/resources/matching/golden-pairs.csv}): pairs of records that must be linked,
 * sent to review or kept apart, with the rule that must decide them: twins, nicknames (Alfie/Alfred,
 * Sasha/Alexander, Mohammed/Muhammad), double-barrelled surnames, swapped dates, an adopted child's new NHS
 * number, unborn records. Each pair is decided by the children's matcher with a reference model (the
 * parameters of a generated run) and guards that know the first names of the generator's name list as real
 * names, as they are in a whole run.
 */
class GoldenPairsTest {

    private static final Path FOLDER = Path.of("src", "test", "resources", "matching");
    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));

    @Test
    void everyGoldenPairIsDecidedAsExpected() throws IOException {
        Map<String, List<CSVRecord>> cases = new LinkedHashMap<>();
        for (CSVRecord r : csv(FOLDER.resolve("golden-pairs.csv"))) {
            cases.computeIfAbsent(r.get("case"), k -> new ArrayList<>()).add(r);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        MatchingProperties settings = MatchingProperties.defaults();
        ProbabilisticMatcher matcher = ProbabilisticMatcher.forChildren(settings, VARIANTS);
        FellegiSunterModel model = referenceModel();
        List<MatchRecord> census = census();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<CSVRecord>> e : cases.entrySet()) {
            List<CSVRecord> rows = e.getValue();
            assertThat(rows).as(e.getKey()).hasSize(2);
            MatchRecord a = record("A:1", rows.get(0));
            MatchRecord b = record("B:2", rows.get(1));
            List<MatchRecord> all = new ArrayList<>(census);
            all.add(a);
            all.add(b);
            Guards guards = new Guards(VARIANTS, all, settings.twinNameMinCount(), true, settings.unbornWindowDays());
            Set<String> household = Comparisons.intersects(a.addresses(), b.addresses())
                    && guards.twins(a, b) != Guards.Twins.NONE ? Set.of(a.key(), b.key()) : Set.of();
            MatchDecision d = matcher.decide(model, a, b, matcher.levels(a, b), guards, household);
            String outcome = switch (d.verdict()) {
                case MATCH -> "LINK";
                case REVIEW -> "REVIEW";
                default -> "APART";
            };
            String expected = rows.get(0).get("expect") + " " + rows.get(0).get("rule");
            String got = outcome + " " + d.rule();
            if (!expected.equals(got)) {
                failures.add(e.getKey() + ": expected " + expected + ", got " + got + " (" + d.explanation().text() + ")");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theReferenceModelIsTheOneTheGoldenSetWasCheckedWith() {
        FellegiSunterModel model = referenceModel();
        assertThat(model.priorWeight()).isLessThan(-10);
        assertThat(model.weight(0, 0)).as("first names equal").isGreaterThan(5);
    }

    static FellegiSunterModel referenceModel() {
        try {
            List<FellegiSunterModel.Parameter> parameters = new ArrayList<>();
            double lambda = 0;
            for (CSVRecord r : csv(FOLDER.resolve("reference-model.csv"))) {
                if (r.get("comparison").equals("_PRIOR")) {
                    lambda = Double.parseDouble(r.get("m"));
                    continue;
                }
                parameters.add(new FellegiSunterModel.Parameter(r.get("comparison"), 0, r.get("level"),
                        Double.parseDouble(r.get("m")), Double.parseDouble(r.get("u")), 0, false));
            }
            return FellegiSunterModel.of(Comparisons.children(VARIANTS), parameters, lambda);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Five records for each first name of the generator's list: these names are real, as in a whole run. */
    private static List<MatchRecord> census() throws IOException {
        List<MatchRecord> out = new ArrayList<>();
        int n = 0;
        for (CSVRecord r : csv(Path.of("src", "main", "resources", "generate", "first-names.csv"))) {
            String key = NameNormaliser.matchKey(r.get("name"));
            for (int i = 0; i < 5; i++) {
                out.add(new MatchRecord("CENSUS:" + n++, List.of(key), "X", List.of("X"), null, null, null, null, null, false));
            }
        }
        return out;
    }

    static MatchRecord record(String key, CSVRecord r) {
        List<String> first = new ArrayList<>();
        for (String f : r.get("first").split("\\|")) {
            if (!f.isBlank()) {
                first.add(NameNormaliser.matchKey(f));
            }
        }
        Set<String> family = new LinkedHashSet<>();
        for (String f : r.get("family").split("\\|")) {
            if (f.isBlank()) {
                continue;
            }
            family.add(NameNormaliser.matchKey(f));
            List<String> parts = NameNormaliser.surnameParts(f);
            if (parts.size() > 1) {
                family.addAll(parts);
            }
        }
        boolean unborn = !r.get("expected").isBlank();
        String postcode = blank(r.get("postcode"));
        return new MatchRecord(key, first, family.iterator().next(), new ArrayList<>(family), date(r.get("dob")),
                blank(r.get("sex")), blank(r.get("nhs")), blank(r.get("upn")), postcode, unborn,
                postcode == null ? List.of() : List.of(postcode), blank(r.get("address")) == null ? List.of() : List.of(r.get("address")),
                List.of(), date(r.get("expected")), middle(r));
    }

    /** The optional {@code middle} column as the matcher's middle-name attribute, or null. */
    private static Map<String, String> middle(CSVRecord r) {
        List<String> keys = new ArrayList<>();
        if (r.isSet("middle")) {
            for (String m : r.get("middle").split("\\|")) {
                if (!m.isBlank()) {
                    keys.add(NameNormaliser.matchKey(m));
                }
            }
        }
        return keys.isEmpty() ? null : Map.of(MatchRecord.MIDDLE_NAMES, String.join(MatchRecord.MIDDLE_NAME_SEPARATOR, keys));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s);
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                        .setIgnoreEmptyLines(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
