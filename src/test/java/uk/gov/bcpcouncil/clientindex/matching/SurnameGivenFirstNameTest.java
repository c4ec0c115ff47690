package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The family name's weight when the first names agree too: names of one tradition are held together far more often
 * than their separate frequencies say, so the family name weighs by its frequency among the first name's holders.
 */
class SurnameGivenFirstNameTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final List<Comparison> COMPARISONS = Comparisons.children(VARIANTS);

    private static MatchRecord child(int i, String first, String family) {
        return new MatchRecord("POOLE:" + i, List.of(first), family, List.of(family), LocalDate.of(2010, 1, 1).plusDays(i), "F",
                null, null, null, false);
    }

    private static double surnameWeight(FellegiSunterModel model, MatchRecord a, MatchRecord b) {
        int[] levels = model.levels(a, b);
        return model.explain(a, b, levels).terms().stream().filter(t -> t.comparison().equals("SURNAME")).findFirst()
                .orElseThrow().weight();
    }

    @Test
    void aFamilyNameHeldOnlyWithOneFirstNameWeighsByItsFrequencyAmongThatNamesHolders() {
        // 1,000 records: 50 Zahra Osman, the rest twenty other first names with twenty other family names at random
        List<MatchRecord> records = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            records.add(child(i, "ZAHRA", "OSMAN"));
        }
        for (int i = 50; i < 1000; i++) {
            records.add(child(i, "NAME" + random.nextInt(20), "FAMILY" + random.nextInt(20)));
        }
        FellegiSunterModel model = FellegiSunterModel.train(COMPARISONS, records, List.of(), List.of(), 1000 * 999 / 2.0,
                MatchingProperties.defaults(), (x, y) -> true);
        int surname = COMPARISONS.stream().map(Comparison::name).toList().indexOf("SURNAME");
        double m = model.m(surname, 0);
        // first names agree: every Zahra is an Osman, so agreeing on Osman as well tells nothing more
        assertThat(surnameWeight(model, records.get(0), records.get(1))).isCloseTo(FellegiSunterModel.log2(m / 1.0), within(1e-9));
        // first names do not agree exactly: Osman weighs by its own frequency, 50 in 1,000
        MatchRecord zara = child(2000, "ZARA", "OSMAN");
        assertThat(surnameWeight(model, records.get(0), zara)).isCloseTo(FellegiSunterModel.log2(m / 0.05), within(1e-9));
        // independent names: the frequency among the first name's holders is about the family name's own
        MatchRecord x = records.get(60);
        MatchRecord y = child(2001, x.firstNames().get(0), x.familyName());
        double plain = FellegiSunterModel.log2(m / (records.stream().filter(r -> r.familyName().equals(x.familyName())).count()
                / 1000.0));
        assertThat(surnameWeight(model, x, y)).isLessThanOrEqualTo(plain + 1e-9).isGreaterThan(plain - 2.5);
    }
}
