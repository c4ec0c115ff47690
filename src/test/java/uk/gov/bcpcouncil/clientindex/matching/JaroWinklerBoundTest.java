package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

/**
 * The cheap bound that lets the address comparison skip Jaro-Winkler must never skip a pair that reaches the
 * threshold: checked on seeded random address-like strings, on near-copies of them and on edge cases.
 */
class JaroWinklerBoundTest {

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPRSTUVWY 0123456789éÉ";

    @Test
    void neverSkipsAPairAtOrAboveTheThreshold() {
        SplittableRandom random = new SplittableRandom(42);
        int skipped = 0;
        for (int n = 0; n < 200_000; n++) {
            String p = random(random, 1 + random.nextInt(40));
            String q = random.nextInt(3) == 0 ? random(random, 1 + random.nextInt(40)) : mutate(random, p);
            for (double t : new double[] { Comparisons.JW_HIGH, 0.8 }) {
                boolean may = Comparisons.jwMayReach(p, q, t);
                if (JW.apply(p, q) >= t) {
                    assertThat(may).as("%s | %s at %s", p, q, t).isTrue();
                } else if (!may) {
                    skipped++;
                }
            }
        }
        assertThat(skipped).as("the bound skips some pairs, else it is useless").isGreaterThan(10_000);
    }

    @Test
    void edgeCases() {
        assertThat(Comparisons.jwMayReach("", "A", 0.92)).isTrue();
        assertThat(Comparisons.jwMayReach("AB", "AB", 0.92)).isTrue();
        assertThat(Comparisons.jwMayReach("12 HIGH STREET", "12 HIGH STRET", 0.92)).isTrue();
        assertThat(Comparisons.jwMayReach("12 HIGH STREET POOLE", "7 QUAY ROAD", 0.92)).isFalse();
    }

    private static String random(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String mutate(SplittableRandom random, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = random.nextInt(5);
        for (int e = 0; e < edits && sb.length() > 1; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> {
                    if (at + 1 < sb.length()) {
                        char c = sb.charAt(at);
                        sb.setCharAt(at, sb.charAt(at + 1));
                        sb.setCharAt(at + 1, c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
