package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProbabilisticMatcherTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final LocalDate DOB = LocalDate.of(2015, 3, 4);

    private static MatchRecord rec(String key, String first, List<String> family, LocalDate dob, String nhs, String upn) {
        return new MatchRecord(key, List.of(first), family.get(0), family, dob, "M", nhs, upn, null, false);
    }

    private static int level(Comparison c, MatchRecord a, MatchRecord b) {
        return c.level(a, b);
    }

    @Test
    void firstNamesUseTheVariantTableIncludingUkForms() {
        Comparison first = Comparisons.firstName(VARIANTS);
        String variant = "VARIANT";
        for (String[] pair : new String[][] {{"ALFIE", "ALFRED"}, {"SASHA", "ALEXANDER"}, {"MOHAMMED", "MUHAMMAD"}}) {
            int l = level(first, rec("A:1", pair[0], List.of("X"), DOB, null, null), rec("A:2", pair[1], List.of("X"), DOB, null, null));
            assertThat(first.levels().get(l)).as(pair[0] + "/" + pair[1]).isEqualTo(variant);
        }
    }

    @Test
    void surnamesCompareEveryKnownNameAndEachPartOfADoubleBarrelledName() {
        Comparison surname = Comparisons.surname();
        int l = level(surname, rec("A:1", "JO", List.of("SMITHJONES", "SMITH", "JONES"), DOB, null, null),
                rec("A:2", "JO", List.of("JONES"), DOB, null, null));
        assertThat(surname.levels().get(l)).isEqualTo("EXACT");
    }

    @Test
    void datesOfBirthHaveExactOneEditSwappedMonthAndYearLevels() {
        Comparison dob = Comparisons.birthDate();
        MatchRecord a = rec("A:1", "JO", List.of("X"), LocalDate.of(2015, 3, 4), null, null);
        Map<LocalDate, String> expected = Map.of(LocalDate.of(2015, 3, 4), "EXACT", LocalDate.of(2015, 3, 7), "ONE_EDIT",
                LocalDate.of(2015, 4, 3), "DAY_MONTH_SWAPPED", LocalDate.of(2015, 3, 30), "WITHIN_MONTH",
                LocalDate.of(2015, 9, 20), "WITHIN_YEAR", LocalDate.of(2011, 8, 20), "ELSE");
        expected.forEach((d, level) -> assertThat(dob.levels().get(level(dob, a, rec("A:2", "JO", List.of("X"), d, null, null))))
                .as(d.toString()).isEqualTo(level));
    }

    @Test
    void guardsRefuseDifferentNhsNumbersDifferentUpnsTwinsAndUnbornRecords() {
        List<MatchRecord> all = new ArrayList<>();
        Guards guards = new Guards(VARIANTS, all, 1, true);
        MatchRecord adopted = rec("A:1", "JACK", List.of("SMITH"), DOB, "9434765919", null);
        MatchRecord renumbered = rec("A:2", "JACK", List.of("SMITH"), DOB, "9434765870", null);
        assertThat(guards.check(adopted, renumbered)).isEqualTo("GUARD_DIFFERENT_NHS");

        assertThat(guards.check(rec("A:3", "JACK", List.of("SMITH"), DOB, null, "A123456789012"),
                rec("A:4", "JACK", List.of("SMITH"), DOB, null, "B123456789012"))).isEqualTo("GUARD_DIFFERENT_UPN");
        MatchRecord former = new MatchRecord("A:5", List.of("JACK"), "SMITH", List.of("SMITH"), DOB, "M", null,
                "B123456789012", null, false, null, null, List.of("A123456789012"), null, null);
        assertThat(guards.check(rec("A:3", "JACK", List.of("SMITH"), DOB, null, "A123456789012"), former)).isNull();

        assertThat(guards.check(rec("A:6", "JACK", List.of("SMITH"), DOB, null, null),
                rec("A:7", "JAKE", List.of("SMITH"), DOB, null, null))).as("Jack and Jake are twins").isEqualTo("GUARD_TWINS");
        assertThat(guards.check(rec("A:6", "ALFIE", List.of("SMITH"), DOB, null, null),
                rec("A:7", "ALFRED", List.of("SMITH"), DOB, null, null))).as("a nickname").isNull();
        assertThat(guards.check(rec("A:6", "JESSICA", List.of("SMITH"), DOB, null, null),
                rec("A:7", "JESICA", List.of("SMITH"), DOB, null, null))).as("a typing error").isNull();

        MatchRecord unborn = new MatchRecord("A:8", List.of(), "SMITH", List.of("SMITH"), null, null, null, null,
                "BH1 1AA", true, null, null, null, DOB, null);
        MatchRecord unborn2 = new MatchRecord("A:9", List.of(), "SMITH", List.of("SMITH"), null, null, null, null,
                "BH1 1AA", true, null, null, null, DOB.plusDays(10), null);
        MatchRecord unbornLate = new MatchRecord("A:10", List.of(), "SMITH", List.of("SMITH"), null, null, null, null,
                "BH1 1AA", true, null, null, null, DOB.plusDays(30), null);
        // an unborn record and a born child: only the born child's date within the window of the expected date
        // and a family name in common pass the guard (the matcher then links them only by its unborn rule)
        assertThat(guards.check(unborn, rec("A:11", "JACK", List.of("SMITH"), DOB.plusYears(1), null, null))).isEqualTo("GUARD_UNBORN");
        assertThat(guards.check(unborn, rec("A:11", "JACK", List.of("JONES"), DOB, null, null))).isEqualTo("GUARD_UNBORN");
        assertThat(guards.check(unborn, rec("A:11", "JACK", List.of("SMITH"), DOB.plusDays(9), null, null))).isNull();
        assertThat(guards.check(unborn, unborn2)).isNull();
        assertThat(guards.check(unborn, unbornLate)).isEqualTo("GUARD_UNBORN");
    }

    @Test
    void emRecoversKnownMProbabilitiesFromSimulatedPairs() {
        // two comparisons of two levels; matches agree with m = 0.9 and 0.8, non-matches with u = 0.05, 0.1
        double[][] u = {{0.05, 0.95}, {0.1, 0.9}};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<int[]> vectors = new ArrayList<>();
        for (int k = 0; k < 20000; k++) {
            boolean match = random.nextDouble() < 0.3;
            double p0 = match ? 0.9 : 0.05;
            double p1 = match ? 0.8 : 0.1;
            vectors.add(new int[] {random.nextDouble() < p0 ? 0 : 1, random.nextDouble() < p1 ? 0 : 1});
        }
        double[][] m = {{0.6, 0.4}, {0.6, 0.4}};
        FellegiSunterModel.em(vectors, new boolean[] {true, true}, m, u, 500);
        assertThat(m[0][0]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.03));
        assertThat(m[1][0]).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void emRecoversThreeLevelMAndThePriorWithUFromRandomPairs() {
        // three comparisons of three levels, 10% matches; u is what random pairs would show
        double[][] mTrue = {{0.85, 0.10, 0.05}, {0.70, 0.20, 0.10}, {0.90, 0.05, 0.05}};
        double[][] u = {{0.01, 0.04, 0.95}, {0.05, 0.15, 0.80}, {0.02, 0.08, 0.90}};
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<int[]> vectors = new ArrayList<>();
        for (int k = 0; k < 30000; k++) {
            double[][] p = random.nextDouble() < 0.1 ? mTrue : u;
            int[] v = new int[3];
            for (int i = 0; i < 3; i++) {
                double x = random.nextDouble();
                v[i] = x < p[i][0] ? 0 : x < p[i][0] + p[i][1] ? 1 : 2;
            }
            vectors.add(v);
        }
        double[][] m = {{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}};
        FellegiSunterModel.em(vectors, new boolean[] {true, true, true}, m, u, 1000);
        for (int i = 0; i < 3; i++) {
            for (int l = 0; l < 3; l++) {
                assertThat(m[i][l]).as("m[%d][%d]", i, l).isCloseTo(mTrue[i][l], org.assertj.core.data.Offset.offset(0.03));
            }
        }
        // the prior over all pairs (here every pair is a candidate) is the share of matches
        assertThat(FellegiSunterModel.prior(vectors, m, u, vectors.size())).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void febrl3StaysAboveItsFloorAndIsReproducible() throws Exception {
        Path folder = Path.of("src", "test", "resources", "febrl");
        FebrlBenchmark.Outcome first = FebrlBenchmark.run("febrl3", folder, MatchingProperties.defaults(), VARIANTS);
        FebrlBenchmark.Outcome second = FebrlBenchmark.run("febrl3", folder, MatchingProperties.defaults(), VARIANTS);
        assertThat(first.score().f1()).isGreaterThanOrEqualTo(0.985);
        assertThat(first.score().wronglyMergedClusters()).isZero();
        assertThat(second.result().decisions()).isEqualTo(first.result().decisions());
    }

    @Test
    void guardedPairsBelowTheReviewWeightAreCountedNotStoredAndTheCountStaysWhole() {
        String[] firsts = { "OLIVER", "AMELIA", "HARRY", "ISLA", "GEORGE", "AVA", "NOAH", "MIA", "LEO", "IVY", "JACK",
                "ROSIE", "OSCAR", "LILY", "ARCHIE", "FREYA", "HENRY", "EVIE", "THEO", "GRACE" };
        String[] families = { "SMITH", "JONES", "TAYLOR", "BROWN", "WILSON", "EVANS", "THOMAS", "ROBERTS", "WALKER", "WRIGHT",
                "GREEN", "HALL", "WOOD", "HARRIS", "LEWIS", "CLARKE", "KING", "BAKER", "TURNER", "HILL" };
        List<MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < firsts.length; i++) {
            // unrelated children born the same day (one DOB block), each with their own NHS number
            records.add(rec(String.format("A:%03d", i), firsts[i], List.of(families[i]), DOB, String.format("9000000%03d", i), null));
        }
        // an adopted child re-registered: same name and date of birth, a new NHS number: guarded, and it matters
        records.add(rec("B:001", "OLIVER", List.of("SMITH"), DOB, "9000000999", null));
        MatchingProperties settings = MatchingProperties.defaults();
        Matcher.Result result = ProbabilisticMatcher.forChildren(settings, VARIANTS).match(records);
        Matcher.Result again = ProbabilisticMatcher.forChildren(settings, VARIANTS).match(reversed(records));

        // every candidate pair differs in NHS number (the blocking rules decide which pairs are candidates: the
        // adopted child and Oliver Smith at least, by date of birth and first name)
        long guardedCandidates = result.candidatePairs();
        assertThat(guardedCandidates).isGreaterThanOrEqualTo(1);
        List<MatchDecision> stored = result.decisions().stream()
                .filter(d -> d.verdict() == MatchDecision.Verdict.NO_MATCH_GUARD).toList();
        assertThat(stored).allSatisfy(d -> {
            assertThat(d.score()).isGreaterThanOrEqualTo(settings.reviewWeight());
            assertThat(d.explanation()).isNotNull();
        });
        long notStored = result.guardedNotStored().getOrDefault("GUARD_DIFFERENT_NHS", 0L);
        assertThat(notStored).isPositive();
        assertThat(stored.size() + notStored).isEqualTo(guardedCandidates);
        assertThat(result.decisions()).noneMatch(d -> d.verdict() == MatchDecision.Verdict.MATCH);
        assertThat(again.decisions()).isEqualTo(result.decisions());
        assertThat(again.guardedNotStored()).isEqualTo(result.guardedNotStored());
    }

    private static List<MatchRecord> reversed(List<MatchRecord> records) {
        List<MatchRecord> r = new ArrayList<>(records);
        java.util.Collections.reverse(r);
        return r;
    }
}
