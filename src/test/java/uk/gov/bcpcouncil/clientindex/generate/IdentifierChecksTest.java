package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierChecksTest {

    @ParameterizedTest
    @CsvSource({"9434765919,true", "943 476 5919,true", "9876544321,false", "943476591,false",
        "94347659190,false", "943476591X,false", "9434765918,false"})
    void nhsModulus11(String value, boolean valid) {
        assertThat(NhsNumbers.passesModulus11(value)).isEqualTo(valid);
    }

    @Test
    void nhsCheckDigitIsMinusOneWhenTheStemIsUnusable() {
        assertThat(NhsNumbers.checkDigit("943476591")).isEqualTo(9);
        assertThat(NhsNumbers.checkDigit("999000000")).isEqualTo(-1); // 243 mod 11 = 1: check value 10
    }

    @Test
    void allocatorGivesDistinctValidNumbersFromTheTestRange() {
        NhsNumbers.Allocator allocator = new NhsNumbers.Allocator(42L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String number = allocator.next();
            assertThat(number).startsWith("999").hasSize(10);
            assertThat(NhsNumbers.passesModulus11(number)).isTrue();
            assertThat(number.chars().distinct().count()).isGreaterThan(1);
            assertThat(seen.add(number)).as("distinct %s", number).isTrue();
        }
    }

    @Test
    void allocatorRunsOutAfterTheTestRange() {
        NhsNumbers.Allocator allocator = new NhsNumbers.Allocator(1L);
        int count = 0;
        while (allocator.next() != null) {
            count++;
        }
        assertThat(count).isBetween(900_000, 920_000);
    }

    @Test
    void mistypedNhsNumbersFailModulus11() {
        SplittableRandom random = new SplittableRandom(3);
        NhsNumbers.Allocator allocator = new NhsNumbers.Allocator(3L);
        for (int i = 0; i < 5_000; i++) {
            String typed = NhsNumbers.mistype(allocator.next(), random);
            assertThat(NhsNumbers.passesModulus11(typed)).as(typed).isFalse();
            assertThat(typed).startsWith("999");
        }
    }

    @ParameterizedTest
    @CsvSource({"B801200005001,true", "A801200005001,false", "A950000178301,true", "H243278544154,true",
        "P207000016049,true", "Q207000016049,false", "B80120000500,false", "I801200005001,false"})
    void upnCheckLetter(String upn, boolean valid) {
        assertThat(Upns.isValid(upn)).isEqualTo(valid);
    }

    @Test
    void permanentUpnsAreValid() {
        assertThat(Upns.permanent(839, 2001, 2024, 7)).matches("[A-HJ-NP-RT-Z]839200124007").satisfies(
                upn -> assertThat(Upns.isValid(upn)).isTrue());
    }

    @Test
    void typosChangeTheName() {
        SplittableRandom random = new SplittableRandom(11);
        for (String name : new String[] {"Smith", "Ó Súilleabháin", "Jo", "O'Brien", "Smith-Jones"}) {
            for (int i = 0; i < 200; i++) {
                assertThat(Noise.typo(name, random)).isNotEqualTo(name);
            }
        }
    }
}
