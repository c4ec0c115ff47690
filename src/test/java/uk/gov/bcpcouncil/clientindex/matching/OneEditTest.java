package uk.gov.bcpcouncil.clientindex.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.junit.jupiter.api.Test;

/** {@link Comparisons#oneEdit} gives Commons Text's Damerau-Levenshtein answer (distance at most one). */
class OneEditTest {

    private static final DamerauLevenshteinDistance DAMERAU = new DamerauLevenshteinDistance();

    @Test
    void examples() {
        assertTrue(Comparisons.oneEdit("SMITH", "SMITH"));
        assertTrue(Comparisons.oneEdit("SMITH", "SMYTH"));
        assertTrue(Comparisons.oneEdit("SMITH", "SMTIH"));
        assertTrue(Comparisons.oneEdit("SMITH", "SMITHS"));
        assertTrue(Comparisons.oneEdit("SMITH", "MITH"));
        assertTrue(Comparisons.oneEdit("", "A"));
        assertTrue(Comparisons.oneEdit("20150325", "20150352"));
        assertFalse(Comparisons.oneEdit("SMITH", "SMYTHE"));
        assertFalse(Comparisons.oneEdit("SMITH", "MSITHS"));
        assertFalse(Comparisons.oneEdit("AB", "BA C"));
        assertFalse(Comparisons.oneEdit("ABC", "CBA"));
    }

    /** Random short strings over a small alphabet, and one or two random edits of them: every answer agrees. */
    @Test
    void agreesWithDamerauLevenshteinOnRandomStrings() {
        SplittableRandom random = new SplittableRandom(8);
        int ones = 0;
        for (int k = 0; k < 200_000; k++) {
            String p = word(random);
            String q = random.nextInt(3) == 0 ? word(random) : edit(edit(p, random), random, random.nextBoolean());
            boolean expected = DAMERAU.apply(p, q) <= 1;
            assertEquals(expected, Comparisons.oneEdit(p, q), () -> p + " / " + q);
            assertEquals(expected, Comparisons.oneEdit(q, p), () -> q + " / " + p);
            ones += expected ? 1 : 0;
        }
        assertTrue(ones > 50_000, "the sample holds many strings one edit apart: " + ones);
    }

    private static String word(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            b.append((char) ('A' + random.nextInt(4)));
        }
        return b.toString();
    }

    private static String edit(String s, SplittableRandom random) {
        return edit(s, random, true);
    }

    private static String edit(String s, SplittableRandom random, boolean apply) {
        if (!apply) {
            return s;
        }
        StringBuilder b = new StringBuilder(s);
        int kind = random.nextInt(4);
        char c = (char) ('A' + random.nextInt(4));
        if (kind == 0 || b.length() == 0) {
            b.insert(random.nextInt(b.length() + 1), c);
        } else if (kind == 1) {
            b.deleteCharAt(random.nextInt(b.length()));
        } else if (kind == 2) {
            b.setCharAt(random.nextInt(b.length()), c);
        } else if (b.length() >= 2) {
            int i = random.nextInt(b.length() - 1);
            char t = b.charAt(i);
            b.setCharAt(i, b.charAt(i + 1));
            b.setCharAt(i + 1, t);
        }
        return b.toString();
    }
}
