package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformsTest {

    @ParameterizedTest(name = "{0} of [{1}] is [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "trim|  Smith  |Smith",
            "trim|'   '|NULL",
            "upper|bh1 1aa|BH1 1AA",
            "name|SMITH-JONES|Smith-Jones",
            "name|o'brien|O'Brien",
            "name|  mary   ellen |Mary Ellen",
            "alias_list|ZOE JONES;; ;MARY SMITH|Zoe Jones;Mary Smith",
            "address|'1 High St ,  , Christchurch,  BH23 1AA '|'1 High St, Christchurch, BH23 1AA'",
            "address|'  ,  '|NULL",
            "date:dd/MM/uuuu|03/04/2015|2015-04-03",
            "date:dd/MM/uuuu|00/00/0000|NULL",
            "date:dd/MM/uuuu|''|NULL",
            "date:uuuuMMdd|20150304|2015-03-04",
            "date:iso|2015-03-04|2015-03-04",
            "date:iso|2015-03-04T10:11:12|2015-03-04",
    })
    void transformsAValue(String transform, String input, String expected) {
        assertThat(Transforms.isKnown(transform)).isTrue();
        assertThat(Transforms.of(transform).apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} refuses [{1}]")
    @CsvSource(delimiter = ';', value = {
            "date:dd/MM/uuuu;31/02/2015",
            "date:dd/MM/uuuu;2015-03-04",
            "date:uuuuMMdd;20151304",
            "date:iso;04/03/2015",
    })
    void anImpossibleDateIsRefusedNotGuessed(String transform, String input) {
        assertThatThrownBy(() -> Transforms.of(transform).apply(input)).isInstanceOf(Transforms.InvalidValue.class);
    }

    @ParameterizedTest
    @CsvSource({ "nmae", "date:qq/zz", "date:", "date:{{", "Trim" })
    void unknownTransformsAreNotKnown(String name) {
        assertThat(Transforms.isKnown(name)).isFalse();
    }

    /** The address transform without a matcher for single-spaced parts gives what the matcher gives. */
    @org.junit.jupiter.api.Test
    void addressGivesWhatTheWhiteSpaceMatcherGives() {
        String alphabet = "ab ,\t\n\u000B\f\r\u00A0\u2003\u001C";
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            StringBuilder expected = new StringBuilder();
            for (String part : s.toString().split(",")) {
                String clean = part.strip().replaceAll("\\s+", " ");
                if (!clean.isEmpty()) {
                    expected.append(expected.length() == 0 ? "" : ", ").append(clean);
                }
            }
            assertThat(Transforms.address(s.toString())).as(s.toString())
                    .isEqualTo(expected.length() == 0 ? null : expected.toString());
        }
    }
}
