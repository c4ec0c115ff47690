package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyIndexTest {

    @Test
    void findsEveryKeysPositionAndNothingElse() {
        String[] keys = new String[10_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "POOLE:" + i;
        }
        KeyIndex index = KeyIndex.of(keys);

        for (int i = 0; i < keys.length; i++) {
            assertThat(index.applyAsInt(new String(keys[i]))).isEqualTo(i);
        }
        assertThat(index.applyAsInt("POOLE:10000")).isEqualTo(-1);
        assertThat(index.applyAsInt("")).isEqualTo(-1);
    }

    @Test
    void collidingHashesAndRepeatedKeys() {
        // "Aa" and "BB" share a hash code
        KeyIndex index = KeyIndex.of(new String[] { "Aa", "BB", "AaAa", "BBBB", "AaBB", "Aa" });

        assertThat(index.applyAsInt("Aa")).as("the first of a key given twice").isZero();
        assertThat(index.applyAsInt("BB")).isEqualTo(1);
        assertThat(index.applyAsInt("AaBB")).isEqualTo(4);
        assertThat(index.applyAsInt("BBAa")).isEqualTo(-1);
        assertThat(KeyIndex.of(new String[0]).applyAsInt("x")).isEqualTo(-1);
    }
}
