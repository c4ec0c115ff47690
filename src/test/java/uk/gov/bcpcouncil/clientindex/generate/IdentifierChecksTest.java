package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.NhsNumbers;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Postcodes;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Upns;

class IdentifierChecksTest {

    @ParameterizedTest
    @CsvSource({"9434765919,true", "943 476 5919,true", "9876544321,false", "943476591,false",
        "94347659190,false", "943476591X,false", "9434765918,false"})
    void nhsModulus11(String value, boolean valid) {
        assertThat(NhsNumbers.check(value).status() == IdentifierStatus.VALID).isEqualTo(valid);
    }

    @Test
    void nhsStemIsUnusableWhenTheCheckValueIsTen() {
        assertThat(NhsNumbers.withCheckDigit("943476591")).isEqualTo("9434765919");
        assertThat(NhsNumbers.withCheckDigit("999000000")).isNull(); // 243 mod 11 = 1: check value 10
    }

    @Test
    void allocatorGivesDistinctValidNumbersFromTheTestRange() {
        SyntheticNhsNumbers.Allocator allocator = new SyntheticNhsNumbers.Allocator(42L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String number = allocator.next();
            assertThat(number).startsWith("999").hasSize(10);
            assertThat(NhsNumbers.check(number).status()).isEqualTo(IdentifierStatus.VALID);
            assertThat(number.chars().distinct().count()).isGreaterThan(1);
            assertThat(seen.add(number)).as("distinct %s", number).isTrue();
        }
    }

    @Test
    void allocatorRunsOutAfterTheTestRange() {
        SyntheticNhsNumbers.Allocator allocator = new SyntheticNhsNumbers.Allocator(1L);
        int count = 0;
        while (allocator.next() != null) {
            count++;
        }
        assertThat(count).isBetween(900_000, 920_000);
    }

    @Test
    void mistypedNhsNumbersFailModulus11() {
        SplittableRandom random = new SplittableRandom(3);
        SyntheticNhsNumbers.Allocator allocator = new SyntheticNhsNumbers.Allocator(3L);
        for (int i = 0; i < 5_000; i++) {
            String typed = SyntheticNhsNumbers.mistype(allocator.next(), random);
            assertThat(NhsNumbers.check(typed).status()).as(typed).isEqualTo(IdentifierStatus.INVALID_CHECK);
            assertThat(typed).startsWith("999");
        }
    }

    @Test
    void spacedIsTheThreeThreeFourForm() {
        assertThat(SyntheticNhsNumbers.spaced("9434765919")).isEqualTo("943 476 5919");
    }

    /** A right check letter is VALID, or INVALID_LA_CODE where the LA number is not a DfE one. */
    @ParameterizedTest
    @CsvSource({"B801200005001,VALID", "A801200005001,INVALID_CHECK", "A950000178301,INVALID_LA_CODE",
        "H243278544154,INVALID_LA_CODE", "P207000016049,VALID", "Q207000016049,INVALID_CHECK",
        "B80120000500,INVALID_FORMAT", "I801200005001,INVALID_FORMAT"})
    void upnCheckLetter(String upn, IdentifierStatus status) {
        assertThat(Upns.check(upn).status()).isEqualTo(status);
    }

    @Test
    void permanentUpnsAreValid() {
        assertThat(SyntheticUpns.permanent(839, 2001, 2024, 7)).matches("[A-HJ-NP-RT-Z]839200124007").satisfies(
                upn -> assertThat(Upns.check(upn).status()).isEqualTo(IdentifierStatus.VALID));
    }

    @Test
    void drawnPostcodesAreStandardFormAndTypedOnesNormaliseBack() {
        SplittableRandom random = new SplittableRandom(5);
        for (Addresses.Area area : Addresses.Area.values()) {
            for (int i = 0; i < 500; i++) {
                String postcode = Addresses.draw(area, random).postcode();
                IdentifierCheck drawn = Postcodes.check(postcode);
                assertThat(drawn.status()).as(postcode).isEqualTo(IdentifierStatus.VALID);
                assertThat(drawn.normalised()).isEqualTo(postcode);
                assertThat(Postcodes.check(Addresses.typedPostcode(postcode, random)).normalised()).isEqualTo(postcode);
            }
        }
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
