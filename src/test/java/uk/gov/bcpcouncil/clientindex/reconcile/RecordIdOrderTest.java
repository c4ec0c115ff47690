package uk.gov.bcpcouncil.clientindex.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordIdOrderTest {

    private static List<String> sorted(String source, String... ids) {
        List<String> list = new ArrayList<>(List.of(ids));
        list.sort((a, b) -> RecordIdOrder.compare(source, RecordIdOrder.key(a), a, source, RecordIdOrder.key(b), b));
        return list;
    }

    @Test
    void numericIdsSortByValueAndOthersByTheirText() {
        assertThat(sorted("POOLE", "10", "9", "P2", "007", "7", "100", "P10", "A"))
                .containsExactly("007", "7", "9", "10", "100", "A", "P10", "P2");
    }

    @Test
    void anIdOfMoreThanTwentyDigitsIsText() {
        String long21 = "123456789012345678901";
        assertThat(RecordIdOrder.key(long21)).isEqualTo(long21);
        assertThat(RecordIdOrder.key("12345678901234567890")).isEqualTo("12345678901234567890");
        assertThat(RecordIdOrder.key("42")).isEqualTo("00000000000000000042");
    }

    @Test
    void sourcesFirstThenIdsInCodePointOrder() {
        assertThat(RecordIdOrder.compare("BOURNEMOUTH", "9", "9", "POOLE", "1", "1")).isNegative();
        // U+FF5E is above the surrogates in UTF-16 but below U+1F600 in code points (and in UTF-8 bytes)
        assertThat(sorted("POOLE", "\uD83D\uDE00", "\uFF5E", "Z")).containsExactly("Z", "\uFF5E", "\uD83D\uDE00");
    }
}
