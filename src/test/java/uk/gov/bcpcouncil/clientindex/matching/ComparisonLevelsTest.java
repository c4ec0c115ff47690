package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every level of every comparison of the children's model, and MISSING when a value is absent. */
class ComparisonLevelsTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final LocalDate DOB = LocalDate.of(2015, 3, 4);

    private static MatchRecord rec(List<String> first, List<String> family, LocalDate dob, String sex, String nhs, String upn,
            List<String> postcodes, List<String> addresses, List<String> formerUpns) {
        return new MatchRecord("A:" + System.identityHashCode(first), first, family.isEmpty() ? null : family.get(0), family,
                dob, sex, nhs, upn, postcodes.isEmpty() ? null : postcodes.get(0), false, postcodes, addresses, formerUpns, null, null);
    }

    private static MatchRecord named(String first, String family) {
        return rec(first == null ? List.of() : List.of(first), family == null ? List.of() : List.of(family), DOB, "F", null, null,
                List.of(), List.of(), List.of());
    }

    private static String level(Comparison c, MatchRecord a, MatchRecord b) {
        int l = c.level(a, b);
        return l == Comparison.MISSING ? "MISSING" : c.levels().get(l);
    }

    @Test
    void firstNameLevels() {
        Comparison c = Comparisons.firstName(VARIANTS);
        assertThat(level(c, named("OLIVIA", "X"), named("OLIVIA", "X"))).isEqualTo("EXACT");
        assertThat(level(c, named("ALFIE", "X"), named("ALFRED", "X"))).isEqualTo("VARIANT");
        assertThat(level(c, named("SASHA", "X"), named("ALEXANDER", "X"))).isEqualTo("VARIANT");
        assertThat(level(c, named("MOHAMMED", "X"), named("MUHAMMAD", "X"))).isEqualTo("VARIANT");
        assertThat(level(c, named("JESSICA", "X"), named("JESICA", "X"))).isEqualTo("ONE_EDIT");
        assertThat(level(c, named("CHRISTOPHER", "X"), named("CHRISTOPHRE", "X"))).isEqualTo("ONE_EDIT");
        assertThat(level(c, named("ANTHOMY", "X"), named("TONY", "X"))).as("a typing error of a variant").isEqualTo("ONE_EDIT");
        assertThat(level(c, named("SAM", "X"), named("SAMANHTA", "X"))).as("a variant of a typing error").isEqualTo("ONE_EDIT");
        assertThat(level(c, named("LEIZABETH", "X"), named("LIZ", "X"))).isEqualTo("ONE_EDIT");
        assertThat(level(c, named("ASM", "X"), named("SAMANTHA", "X"))).as("a short variant is not taken as typed wrongly")
                .isNotEqualTo("ONE_EDIT");
        assertThat(level(c, named("MARGARET", "X"), named("MARGRETTA", "X"))).isEqualTo("JW_HIGH");
        assertThat(level(c, named("KAREN", "X"), named("CARINA", "X"))).isEqualTo("PHONETIC");
        assertThat(level(c, named("DANIEL", "X"), named("DANA", "X"))).isEqualTo("JW_MID");
        assertThat(level(c, named("SMITH", "JACK"), named("JACK", "SMITH"))).isEqualTo("SWAPPED");
        assertThat(level(c, named("OSCAR", "X"), named("TYLER", "X"))).isEqualTo("ELSE");
        assertThat(level(c, named(null, "X"), named("TYLER", "X"))).isEqualTo("MISSING");
    }

    @Test
    void surnameLevelsCompareEveryKnownName() {
        Comparison c = Comparisons.surname();
        assertThat(level(c, named("A", "SMITH"), named("A", "SMITH"))).isEqualTo("EXACT");
        MatchRecord doubleBarrelled = rec(List.of("A"), List.of("SMITHJONES", "SMITH", "JONES"), DOB, "F", null, null, List.of(),
                List.of(), List.of());
        assertThat(level(c, doubleBarrelled, named("A", "JONES"))).isEqualTo("EXACT");
        MatchRecord alias = rec(List.of("A"), List.of("WEBB", "MAZUR"), DOB, "F", null, null, List.of(), List.of(), List.of());
        assertThat(level(c, alias, named("A", "MAZUR"))).isEqualTo("EXACT");
        assertThat(level(c, named("A", "THOMPSON"), named("A", "THOMSPON"))).isEqualTo("ONE_EDIT");
        assertThat(level(c, named("A", "OKAFOR"), named("A", "WEBB"))).isEqualTo("ELSE");
        assertThat(level(c, named("A", null), named("A", "WEBB"))).isEqualTo("MISSING");
    }

    private static MatchRecord born(LocalDate dob) {
        return rec(List.of("A"), List.of("X"), dob, "F", null, null, List.of(), List.of(), List.of());
    }

    @Test
    void dateOfBirthLevels() {
        Comparison c = Comparisons.birthDate();
        assertThat(level(c, born(DOB), born(DOB))).isEqualTo("EXACT");
        assertThat(level(c, born(DOB), born(LocalDate.of(2015, 3, 7)))).isEqualTo("ONE_EDIT");
        assertThat(level(c, born(DOB), born(LocalDate.of(2015, 4, 3)))).isEqualTo("DAY_MONTH_SWAPPED");
        assertThat(level(c, born(DOB), born(LocalDate.of(2015, 3, 30)))).isEqualTo("WITHIN_MONTH");
        assertThat(level(c, born(DOB), born(LocalDate.of(2015, 9, 20)))).isEqualTo("WITHIN_YEAR");
        assertThat(level(c, born(DOB), born(LocalDate.of(2011, 8, 20)))).isEqualTo("ELSE");
        assertThat(level(c, born(DOB), born(null))).isEqualTo("MISSING");
    }

    private static MatchRecord sexed(String sex) {
        return rec(List.of("A"), List.of("X"), DOB, sex, null, null, List.of(), List.of(), List.of());
    }

    @Test
    void sexLevels() {
        Comparison c = Comparisons.sex();
        assertThat(level(c, sexed("F"), sexed("F"))).isEqualTo("SAME");
        assertThat(level(c, sexed("F"), sexed("M"))).isEqualTo("DIFFERENT");
        assertThat(level(c, sexed("F"), sexed("U"))).isEqualTo("MISSING");
    }

    private static MatchRecord placed(List<String> postcodes, List<String> addresses) {
        return rec(List.of("A"), List.of("X"), DOB, "F", null, null, postcodes, addresses, List.of());
    }

    @Test
    void postcodeLevelsUseTheHistory() {
        Comparison c = Comparisons.postcode();
        assertThat(level(c, placed(List.of("BH1 1AA"), List.of()), placed(List.of("BH1 1AA"), List.of()))).isEqualTo("CURRENT_EQUAL");
        assertThat(level(c, placed(List.of("BH1 1AA", "BH8 6DS"), List.of()), placed(List.of("BH23 1AA", "BH8 6DS"), List.of())))
                .isEqualTo("HISTORY_EQUAL");
        assertThat(level(c, placed(List.of("BH1 1AA"), List.of()), placed(List.of("BH1 1AB"), List.of()))).isEqualTo("ONE_EDIT");
        assertThat(level(c, placed(List.of("BH1 1AA"), List.of()), placed(List.of("BH1 9ZZ"), List.of()))).isEqualTo("SAME_DISTRICT");
        assertThat(level(c, placed(List.of("BH1 1AA"), List.of()), placed(List.of("BH23 9ZZ"), List.of()))).isEqualTo("ELSE");
        assertThat(level(c, placed(List.of(), List.of()), placed(List.of("BH23 9ZZ"), List.of()))).isEqualTo("MISSING");
    }

    @Test
    void addressLevelsUseTheHistory() {
        Comparison c = Comparisons.address();
        MatchRecord a = placed(List.of(), List.of("12 SHELLEY ROAD POKESDOWN BOURNEMOUTH", "5 ALMA ROAD BOURNEMOUTH"));
        assertThat(level(c, a, placed(List.of(), List.of("5 ALMA ROAD BOURNEMOUTH")))).isEqualTo("EXACT");
        assertThat(level(c, a, placed(List.of(), List.of("12 SHELLEY ROAD POKESDOWN BOURNEMOUT")))).isEqualTo("JW_HIGH");
        assertThat(level(c, a, placed(List.of(), List.of("FLAT 5 ALMA ROAD BOURNEMOUTH")))).isEqualTo("WORDS_SHARED");
        assertThat(level(c, a, placed(List.of(), List.of("201 HIGH STREET OAKDALE POOLE")))).isEqualTo("ELSE");
        assertThat(level(c, a, placed(List.of(), List.of()))).isEqualTo("MISSING");
    }

    private static MatchRecord ids(String nhs, String upn, List<String> former) {
        return rec(List.of("A"), List.of("X"), DOB, "F", nhs, upn, List.of(), List.of(), former);
    }

    @Test
    void nhsNumberAndUpnLevels() {
        Comparison nhs = Comparisons.nhsNumber();
        assertThat(level(nhs, ids("9434765919", null, List.of()), ids("9434765919", null, List.of()))).isEqualTo("SAME");
        assertThat(level(nhs, ids("9434765919", null, List.of()), ids("9434765870", null, List.of()))).isEqualTo("DIFFERENT");
        assertThat(level(nhs, ids(null, null, List.of()), ids("9434765870", null, List.of()))).isEqualTo("MISSING");
        Comparison upn = Comparisons.upn();
        assertThat(level(upn, ids(null, "A123456789012", List.of()), ids(null, "A123456789012", List.of()))).isEqualTo("SAME");
        assertThat(level(upn, ids(null, "A123456789012", List.of()), ids(null, "B123456789012", List.of("A123456789012"))))
                .as("a former UPN").isEqualTo("SAME");
        assertThat(level(upn, ids(null, "A123456789012", List.of()), ids(null, "B123456789012", List.of()))).isEqualTo("DIFFERENT");
        assertThat(level(upn, ids(null, null, List.of()), ids(null, "B123456789012", List.of()))).isEqualTo("MISSING");
    }

    private static MatchRecord middle(String... names) {
        return new MatchRecord("A:" + String.join("-", names), List.of("A"), "X", List.of("X"), DOB, "F", null, null, null, false,
                null, null, null, null, names.length == 0 ? null
                        : java.util.Map.of(MatchRecord.MIDDLE_NAMES, String.join(MatchRecord.MIDDLE_NAME_SEPARATOR, names)));
    }

    @Test
    void middleNameLevels() {
        Comparison c = Comparisons.middleName();
        assertThat(level(c, middle("ROSE"), middle("ROSE"))).isEqualTo("EXACT");
        assertThat(level(c, middle("MAE", "ROSE"), middle("ROSE"))).as("any middle name in common").isEqualTo("EXACT");
        assertThat(level(c, middle("ROSE"), middle("ROSIE"))).isEqualTo("SIMILAR");
        assertThat(level(c, middle("ROSE"), middle("R"))).as("an initial").isEqualTo("SIMILAR");
        assertThat(level(c, middle("ROSE"), middle("GRACE"))).isEqualTo("ELSE");
        assertThat(level(c, middle("ROSE"), middle())).isEqualTo("MISSING");
        assertThat(level(c, middle(), middle())).isEqualTo("MISSING");
        assertThat(c.tfValues(middle("MAE", "ROSE"))).containsExactly("MAE", "ROSE");
    }

    @Test
    void basicIsoDateIsTheFormattersText() {
        for (LocalDate d = LocalDate.of(1990, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            assertThat(Comparisons.basicIsoDate(d)).isEqualTo(d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        }
        for (LocalDate d : List.of(LocalDate.of(999, 3, 7), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(2000, 2, 29))) {
            assertThat(Comparisons.basicIsoDate(d)).isEqualTo(d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        }
    }
}
