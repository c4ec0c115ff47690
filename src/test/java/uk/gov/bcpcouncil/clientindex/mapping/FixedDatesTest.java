package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast date reader decides exactly as the strict formatter for every text of the pattern's shape. */
class FixedDatesTest {

    @Test
    void agreesWithTheStrictFormatterOnEveryTextOfItsShape() {
        Random random = new Random(8);
        for (String pattern : List.of("iso", "dd/MM/uuuu", "uuuuMMdd")) {
            FixedDates fast = FixedDates.of(pattern);
            assertThat(fast).as(pattern).isNotNull();
            DateTimeFormatter strict = pattern.equals("iso") ? DateTimeFormatter.ISO_LOCAL_DATE
                    : DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = LocalDate.of(1999, 12, 25); d.isBefore(LocalDate.of(2001, 3, 5)); d = d.plusDays(1)) {
                days.add(d);
            }
            List<String> texts = new ArrayList<>();
            days.forEach(d -> texts.add(d.format(strict)));
            for (int i = 0; i < 20_000; i++) { // digit soup of the right shape: many impossible days and months
                String shape = pattern.equals("iso") ? "uuuu-MM-dd" : pattern;
                StringBuilder t = new StringBuilder();
                for (char c : shape.toCharArray()) {
                    t.append(c == 'd' || c == 'M' || c == 'u' ? (char) ('0' + random.nextInt(10)) : c);
                }
                texts.add(t.toString());
            }
            texts.addAll(List.of("0000-00-00", "2000-02-29", "1900-02-29", "29/02/1900", "29/02/2000", "00/01/2000",
                    "19000229", "20000229", "99991231", "00000101"));
            for (String text : texts) {
                LocalDate expected;
                try {
                    expected = LocalDate.parse(text, strict);
                } catch (DateTimeParseException e) {
                    expected = null;
                }
                LocalDate got = fast.parse(text);
                if (got == null) {
                    continue; // not of its shape (another pattern's text): the formatter decides
                }
                assertThat(got == FixedDates.INVALID ? null : got).as(pattern + " " + text).isEqualTo(expected);
            }
            days.forEach(d -> assertThat(fast.parse(d.format(strict))).isEqualTo(d));
        }
    }

    @Test
    void leavesTextOfAnotherShapeAndOtherPatternsToTheFormatter() {
        FixedDates slash = FixedDates.of("dd/MM/uuuu");
        assertThat(slash.parse("1/2/2020")).isNull();
        assertThat(slash.parse("01-02-2020")).isNull();
        assertThat(slash.parse("01/02/20x0")).isNull();
        assertThat(slash.parse(" 01/02/2020")).isNull();
        assertThat(FixedDates.of("iso").parse("2020-01-01T10:00")).isNull();
        assertThat(FixedDates.of("d/M/uuuu")).isNull();
        assertThat(FixedDates.of("dd/MM/yyyy")).isNull();
        assertThat(FixedDates.of("dd MMM uuuu")).isNull();
        assertThat(FixedDates.of("dd/MM/uu")).isNull();
    }
}
