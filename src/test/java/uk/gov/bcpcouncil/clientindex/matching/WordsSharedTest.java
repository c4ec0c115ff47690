package uk.gov.bcpcouncil.clientindex.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Comparisons#wordsShared} gives the share of distinct words in common, as sets of split words would. */
class WordsSharedTest {

    @Test
    void examples() {
        assertEquals(1.0, Comparisons.wordsShared("1 ALMA ROAD", "1 ALMA ROAD"));
        assertEquals(2.0 / 3, Comparisons.wordsShared("1 ALMA ROAD", "2 ALMA ROAD"), 1e-12);
        assertEquals(0.5, Comparisons.wordsShared("FLAT 1 1 ALMA ROAD", "1 ALMA"), 1e-12);
        assertEquals(0.0, Comparisons.wordsShared("ALMA", "ROAD"));
        assertEquals(0.25, Comparisons.wordsShared("A", "A B C D"), 1e-12);
        assertEquals(true, Comparisons.halfTheWordsShared("FLAT 1 1 ALMA ROAD", "1 ALMA"));
        assertEquals(true, Comparisons.halfTheWordsShared("A B", "B C"));
        assertEquals(false, Comparisons.halfTheWordsShared("A B C", "C D E"));
        assertEquals(false, Comparisons.halfTheWordsShared("A", "A B C D"));
        assertEquals(true, Comparisons.halfTheWordsShared("", ""));
    }

    @Test
    void agreesWithSetsOfSplitWordsOnRandomAddresses() {
        SplittableRandom random = new SplittableRandom(3);
        String[] words = { "1", "2", "12", "ALMA", "ROAD", "FLAT", "A", "AL", "ROADS", "POOLE" };
        for (int k = 0; k < 100_000; k++) {
            String p = address(random, words);
            String q = address(random, words);
            assertEquals(bySets(p, q), Comparisons.wordsShared(p, q), 1e-12, () -> p + " / " + q);
            assertEquals(bySets(p, q) >= 0.5, Comparisons.halfTheWordsShared(p, q), () -> "half: " + p + " / " + q);
        }
    }

    private static String address(SplittableRandom random, String[] words) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return b.toString();
    }

    private static double bySets(String p, String q) {
        Set<String> x = new LinkedHashSet<>(List.of(p.split(" ")));
        Set<String> y = new LinkedHashSet<>(List.of(q.split(" ")));
        int shared = 0;
        for (String w : x) {
            if (y.contains(w)) {
                shared++;
            }
        }
        return (double) shared / Math.max(x.size(), y.size());
    }
}
