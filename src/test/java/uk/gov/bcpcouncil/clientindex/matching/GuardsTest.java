package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each no-merge guard, its exceptions, and the name rules behind the twins guard. */
class GuardsTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final LocalDate DOB = LocalDate.of(2015, 3, 4);
    private static final String HOME = "1 OLD CHRISTCHURCH ROAD BOURNEMOUTH";

    private static MatchRecord rec(String key, String first, String family, LocalDate dob, String nhs, String upn, String address) {
        return new MatchRecord(key, List.of(first), family, List.of(family), dob, "M", nhs, upn, null, false, List.of(),
                address == null ? List.of() : List.of(address), List.of(), null, null);
    }

    private static MatchRecord unborn(String key, String family, LocalDate expected, String address) {
        return new MatchRecord(key, List.of(), family, List.of(family), null, null, null, null, "BH1 1AA", true, List.of("BH1 1AA"),
                List.of(address), List.of(), expected, null);
    }

    /** Guards over a run where the given names are each held by 5 records (real names) and "OLIVER" by 100. */
    private static Guards guards(String... realNames) {
        List<MatchRecord> census = new ArrayList<>();
        int n = 0;
        for (String name : realNames) {
            for (int i = 0; i < 5; i++) {
                census.add(rec("C:" + n++, name, "X", null, null, null, null));
            }
        }
        for (int i = 0; i < 100; i++) {
            census.add(rec("C:" + n++, "OLIVER", "X", null, null, null, null));
        }
        census.add(rec("C:" + n++, "OLIVRE", "X", null, null, null, null));
        return new Guards(VARIANTS, census, 3, true);
    }

    @Test
    void differentValidNhsNumbersAreNeverMerged() {
        assertThat(guards().check(rec("A:1", "LEO", "PRICE", DOB, "9434765919", null, HOME),
                rec("A:2", "LEO", "PRICE", DOB, "9434765870", null, HOME))).isEqualTo("GUARD_DIFFERENT_NHS");
        assertThat(guards().check(rec("A:1", "LEO", "PRICE", DOB, "9434765919", null, HOME),
                rec("A:2", "LEO", "PRICE", DOB, null, null, HOME))).isNull();
    }

    @Test
    void differentPermanentUpnsUnlessOneIsTheOthersFormer() {
        Guards g = guards();
        assertThat(g.check(rec("A:1", "LEO", "PRICE", DOB, null, "A123456789012", HOME),
                rec("A:2", "LEO", "PRICE", DOB, null, "B123456789012", HOME))).isEqualTo("GUARD_DIFFERENT_UPN");
        MatchRecord renumbered = new MatchRecord("A:3", List.of("LEO"), "PRICE", List.of("PRICE"), DOB, "M", null, "B123456789012",
                null, false, null, null, List.of("A123456789012"), null, null);
        assertThat(g.check(rec("A:1", "LEO", "PRICE", DOB, null, "A123456789012", HOME), renumbered)).isNull();
    }

    @Test
    void twinsAreDifferentRealNamesInOneHouseholdWithTheSameDateAsFarAsTypingGoes() {
        Guards g = guards("OSCAR", "TYLER", "JACK", "JAKE");
        MatchRecord oscar = rec("A:1", "OSCAR", "JONES", DOB, null, null, HOME);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "JONES", DOB, null, null, HOME))).isEqualTo(Guards.Twins.LIKELY);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "JONES", LocalDate.of(2015, 4, 3), null, null, HOME)))
                .as("day and month swapped").isEqualTo(Guards.Twins.LIKELY);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "JONES", LocalDate.of(2015, 3, 7), null, null, null)))
                .as("one digit, surname only").isEqualTo(Guards.Twins.LIKELY);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "WEBB", DOB, null, null, HOME))).as("address only").isEqualTo(Guards.Twins.LIKELY);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "JONES", null, null, null, HOME))).as("date missing").isEqualTo(Guards.Twins.LIKELY);
        assertThat(g.check(rec("A:1", "JACK", "SMITH", DOB, null, null, HOME), rec("A:2", "JAKE", "SMITH", DOB, null, null, HOME)))
                .isEqualTo("GUARD_TWINS");
        // not twins: another household, dates apart, an identifier in common
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "WEBB", DOB, null, null, null))).isEqualTo(Guards.Twins.NONE);
        assertThat(g.twins(oscar, rec("A:2", "TYLER", "JONES", DOB.plusYears(2).plusDays(40), null, null, HOME)))
                .isEqualTo(Guards.Twins.NONE);
        assertThat(g.twins(rec("A:1", "OSCAR", "JONES", DOB, null, "A123456789012", HOME),
                rec("A:2", "TYLER", "JONES", DOB, null, "A123456789012", HOME))).isEqualTo(Guards.Twins.NONE);
    }

    @Test
    void oneNameANicknameOrATypingErrorIsNotTwins() {
        Guards g = guards("ALFIE", "JESSICA");
        MatchRecord alfie = rec("A:1", "ALFIE", "SMITH", DOB, null, null, HOME);
        assertThat(g.twins(alfie, rec("A:2", "ALFIE", "SMITH", DOB, null, null, HOME))).isEqualTo(Guards.Twins.NONE);
        assertThat(g.twins(alfie, rec("A:2", "ALFRED", "SMITH", DOB, null, null, HOME))).as("nickname").isEqualTo(Guards.Twins.NONE);
        assertThat(g.twins(rec("A:1", "JESSICA", "SMITH", DOB, null, null, HOME), rec("A:2", "JESICA", "SMITH", DOB, null, null, HOME)))
                .as("a typing error").isEqualTo(Guards.Twins.NONE);
        assertThat(g.twins(rec("A:1", "HARRY", "MILLS", DOB, null, null, HOME), rec("A:2", "HARRIOSN", "MILLS", DOB, null, null, HOME)))
                .as("a typing error of a variant (Harrison)").isEqualTo(Guards.Twins.NONE);
    }

    @Test
    void otherSpellingsOfOneNameMayBeTwins() {
        Guards g = guards();
        assertThat(g.twins(rec("A:1", "SOPHIE", "CARR", DOB, null, null, HOME), rec("A:2", "SOPHIA", "CARR", DOB, null, null, HOME)))
                .isEqualTo(Guards.Twins.SPELLING);
        assertThat(g.check(rec("A:1", "SOPHIE", "CARR", DOB, null, null, HOME), rec("A:2", "SOPHIA", "CARR", DOB, null, null, HOME)))
                .as("not a guard: the matcher sends it to review").isNull();
    }

    @Test
    void aNameIsRealWhenTheTableKnowsItOrEnoughRecordsHoldItAndItIsNoTypingErrorOfACommonerName() {
        Guards g = guards("TYLER");
        assertThat(g.real("ALFIE")).as("in the variant table").isTrue();
        assertThat(g.real("TYLER")).as("held by five records").isTrue();
        assertThat(g.real("ZEBEDIAH")).as("held by none").isFalse();
        Guards typos = new Guards(VARIANTS, java.util.stream.Stream.concat(
                java.util.stream.IntStream.range(0, 100).mapToObj(i -> rec("C:" + i, "OLIVER", "X", null, null, null, null)),
                java.util.stream.IntStream.range(0, 4).mapToObj(i -> rec("D:" + i, "OLIVRE", "X", null, null, null, null))).toList(),
                3, true);
        assertThat(typos.real("OLIVRE")).as("four records, but one edit from a name 25 times commoner").isFalse();
    }

    @Test
    void anUnbornRecordPassesTheGuardOnlyWithItsFamilyNameAndABirthInTheWindow() {
        Guards g = guards();
        MatchRecord expected = unborn("U:1", "LOWE", LocalDate.of(2010, 3, 10), HOME);
        assertThat(g.check(expected, rec("A:2", "DYLAN", "LOWE", LocalDate.of(2010, 3, 21), null, null, HOME))).isNull();
        assertThat(g.check(expected, rec("A:2", "DYLAN", "LOWNE", LocalDate.of(2010, 3, 21), null, null, HOME)))
                .as("family name mistyped").isNull();
        assertThat(g.check(expected, rec("A:2", "RUBY", "LOWE", LocalDate.of(2011, 4, 2), null, null, HOME))).isEqualTo("GUARD_UNBORN");
        assertThat(g.check(expected, rec("A:2", "DYLAN", "PATEL", LocalDate.of(2010, 3, 12), null, null, HOME))).isEqualTo("GUARD_UNBORN");
        assertThat(g.check(expected, rec("A:2", "DYLAN", "LOWE", null, null, null, HOME))).as("no date of birth").isEqualTo("GUARD_UNBORN");
        assertThat(g.check(expected, unborn("U:2", "LOWE", LocalDate.of(2010, 3, 20), HOME))).isNull();
        assertThat(g.check(expected, unborn("U:2", "LOWE", LocalDate.of(2010, 4, 20), HOME))).isEqualTo("GUARD_UNBORN");
        MatchRecord elsewhere = new MatchRecord("U:3", List.of(), "LOWE", List.of("LOWE"), null, null, null, null, "BH2 5TR", true,
                List.of("BH2 5TR"), List.of("5 ALMA ROAD BOURNEMOUTH"), List.of(), LocalDate.of(2010, 3, 20), null);
        assertThat(g.check(expected, elsewhere))
                .as("two unborn records at two addresses").isEqualTo("GUARD_UNBORN");
    }

    @Test
    void anUnbornRecordFittingTwoTwinsGoesToReviewNotToEither() {
        MatchRecord expected = unborn("A:0", "LOWE", LocalDate.of(2010, 3, 10), HOME);
        MatchRecord dylan = rec("A:1", "DYLAN", "LOWE", LocalDate.of(2010, 3, 21), null, null, HOME);
        MatchRecord ruby = rec("A:2", "RUBY", "LOWE", LocalDate.of(2010, 3, 21), null, null, HOME);
        List<MatchRecord> records = new ArrayList<>(List.of(expected, dylan, ruby));
        MatchingProperties settings = new MatchingProperties(null, null, null, null, 2000, 5, null, null, 1, null, null);
        Matcher.Result result = ProbabilisticMatcher.forChildren(settings, VARIANTS).match(records, GoldenPairsTest.referenceModel());
        assertThat(result.decisions()).extracting(MatchDecision::rule)
                .containsExactly("REVIEW_UNBORN_AMBIGUOUS", "REVIEW_UNBORN_AMBIGUOUS", "GUARD_TWINS");
    }
}
