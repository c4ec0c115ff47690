package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which records the client index's blocking rules pair, rule by rule (candidate pairs of a matcher with one rule). */
class BlockingRuleTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final LocalDate DOB = LocalDate.of(2015, 3, 7);

    private static MatchRecord rec(String key, String first, String family, LocalDate dob, String sex, String postcode) {
        return new MatchRecord(key, List.of(first), family, List.of(family), dob, sex, null, null, postcode, false,
                postcode == null ? List.of() : List.of(postcode), List.of(), List.of(), null, null);
    }

    private static long pairs(BlockingRule rule, MatchRecord... records) {
        ProbabilisticMatcher matcher = new ProbabilisticMatcher(MatchingProperties.defaults(), Comparisons.children(VARIANTS),
                List.of(rule), List.of(rule), VARIANTS, false, true);
        return matcher.match(List.of(records)).candidatePairsByBlock().getOrDefault(rule.name(), 0L);
    }

    @Test
    void dateOfBirthMeetsByAFirstNameVariantOrByTheFamilyName() {
        BlockingRule dob = BlockingRule.birthDateWithName(VARIANTS);
        assertThat(pairs(dob, rec("A:1", "WILLIAM", "SMITH", DOB, "M", null), rec("A:2", "BILL", "JONES", DOB, "M", null)))
                .as("a nickname, family name changed").isEqualTo(1);
        assertThat(pairs(dob, rec("A:1", "OLIVER", "SMITH", DOB, "M", null), rec("A:2", "HARRY", "SMITH", DOB, "M", null)))
                .as("the same family name").isEqualTo(1);
        assertThat(pairs(dob, rec("A:1", "OLIVER", "SMITH", DOB, "M", null), rec("A:2", "HARRY", "JONES", DOB, "M", null)))
                .as("unrelated children born the same day").isZero();
    }

    @Test
    void namesWithTheDateKeepAKeyWhenOnePartOfTheDateIsMistypedOrDayAndMonthSwapped() {
        BlockingRule rule = BlockingRule.namesSoundDate(VARIANTS);
        MatchRecord a = rec("A:1", "OLIVER", "SMITH", DOB, "M", null);
        assertThat(pairs(rule, a, rec("A:2", "OLIVER", "SMYTH", DOB.withYear(2016), "M", null))).as("year").isEqualTo(1);
        assertThat(pairs(rule, a, rec("A:2", "OLIVER", "SMITH", DOB.withMonth(4), "M", null))).as("month").isEqualTo(1);
        assertThat(pairs(rule, a, rec("A:2", "OLIVER", "SMITH", DOB.withDayOfMonth(8), "M", null))).as("day").isEqualTo(1);
        assertThat(pairs(rule, a, rec("A:2", "OLIVER", "SMITH", LocalDate.of(2015, 7, 3), "M", null))).as("swapped")
                .isEqualTo(1);
        assertThat(pairs(rule, a, rec("A:2", "OLIVER", "SMITH", LocalDate.of(2016, 4, 7), "M", null)))
                .as("two parts differ").isZero();
        assertThat(pairs(rule, a, rec("A:2", "SMITH", "OLIVER", DOB, "M", null))).as("names swapped").isEqualTo(1);
    }

    @Test
    void undatedRecordsMeetEveryRecordOfTheirNamesSexAndMiddleNameButTwoDatedOnesDoNot() {
        BlockingRule rule = BlockingRule.namesSoundUndated(VARIANTS);
        MatchRecord undated = middle(rec("A:1", "OLIVER", "SMITH", null, "M", null), "JAMES");
        MatchRecord dated = middle(rec("A:2", "OLIVER", "SMITH", DOB, "M", null), "JAMES");
        MatchRecord datedToo = middle(rec("A:3", "OLIVER", "SMITH", DOB.plusYears(3), "M", null), "JAMES");
        assertThat(pairs(rule, undated, dated, datedToo)).as("the undated record with each dated one only").isEqualTo(2);
        assertThat(pairs(rule, undated, middle(rec("A:4", "OLIVER", "SMITH", DOB, "F", null), "JAMES"))).as("another sex")
                .isZero();
        assertThat(pairs(rule, undated, middle(rec("A:4", "OLIVER", "SMITH", DOB, "U", null), "JAMES"))).as("sex unknown")
                .isEqualTo(1);
        assertThat(pairs(rule, middle(rec("A:1", "OLIVER", "SMITH", null, "M", null), "JOHN"),
                middle(rec("A:4", "OLIVER", "SMITH", DOB, "M", null), "PETER", "JON"))).as("a middle name that sounds the same")
                .isEqualTo(1);
        assertThat(pairs(rule, undated, rec("A:4", "OLIVER", "SMITH", DOB, "M", null))).as("no middle name").isZero();
        assertThat(pairs(rule, undated, middle(rec("A:4", "OLIVER", "SMITH", DOB, "M", null), "PETER")))
                .as("another middle name").isZero();
    }

    private static MatchRecord middle(MatchRecord r, String... middleNames) {
        return new MatchRecord(r.key(), r.firstNames(), r.familyName(), r.familyNames(), r.birthDate(), r.sex(), r.nhsNumber(),
                r.upn(), r.postcode(), r.unborn(), r.postcodes(), r.addresses(), r.formerUpns(), r.expectedDate(),
                java.util.Map.of(MatchRecord.MIDDLE_NAMES, String.join(MatchRecord.MIDDLE_NAME_SEPARATOR, middleNames)));
    }

    @Test
    void placesMeetByFirstOrFamilyNameSound() {
        assertThat(pairs(BlockingRule.postcodeFirstName(VARIANTS), rec("A:1", "SOPHIE", "SMITH", null, "F", "BH1 1AA"),
                rec("A:2", "SOPHIA", "JONES", DOB, "F", "BH1 1AA"))).isEqualTo(1);
        assertThat(pairs(BlockingRule.postcodeSurname(), rec("A:1", "SOPHIE", "SMITH", null, "F", "BH1 1AA"),
                rec("A:2", "AVA", "SMYTH", DOB, "F", "BH1 1AA"))).isEqualTo(1);
        assertThat(pairs(BlockingRule.postcodeSurname(), rec("A:1", "SOPHIE", "SMITH", null, "F", "BH1 1AA"),
                rec("A:2", "AVA", "SMYTH", DOB, "F", "BH1 1AB"))).isZero();
    }
}
