package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumbersTest {

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            // brief 1.1 worked example, in the forms the legacy systems hold it
            "9434765919         | 9434765919 | VALID",
            "943 476 5919       | 9434765919 | VALID",
            "' 943-476-5919 '   | 9434765919 | VALID",
            "943.476.5919       | 9434765919 | VALID",
            "'9434765919\t'     | 9434765919 | VALID",
            // check value 11 is written 0
            "9990000050         | 9990000050 | VALID",
            "9990000018         | 9990000018 | VALID",
            // display example from Wikipedia / nhs-number crate: fails Modulus 11 (expected check 2)
            "987 654 4321       | 9876544321 | INVALID_CHECK",
            "9876544322         | 9876544322 | VALID",
            // single digit errors
            "9434765918         | 9434765918 | INVALID_CHECK",
            "9434765910         | 9434765910 | INVALID_CHECK",
            "4934765919         | 4934765919 | INVALID_CHECK",
            // stem 999000000 has check value 10: no check digit can make it valid
            "9990000000         | 9990000000 | INVALID_CHECK",
            "9990000009         | 9990000009 | INVALID_CHECK",
            // repdigits all pass Modulus 11 but are never issued
            "1111111111         | 1111111111 | REPDIGIT",
            "0000000000         | 0000000000 | REPDIGIT",
            "999 999 9999       | 9999999999 | REPDIGIT",
            // format
            "943476591          | 943476591  | INVALID_FORMAT",
            "94347659190        | 94347659190| INVALID_FORMAT",
            "4146515092.0       | 41465150920| INVALID_FORMAT",
            "712.457 766        | 712457766  | INVALID_FORMAT",
            "temp12 1zzz        | temp121zzz | INVALID_FORMAT",
            "JRDAN 269          | JRDAN269   | INVALID_FORMAT",
            "943/476/5919       | 943/476/5919 | INVALID_FORMAT",
            "'９４３４７６５９１９' | ９４３４７６５９１９ | INVALID_FORMAT",
    })
    void checks(String raw, String normalised, IdentifierStatus status) {
        IdentifierCheck check = NhsNumbers.check(raw);
        assertEquals(status, check.status());
        assertEquals(normalised, check.normalised());
        assertSame(raw, check.raw());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "-", " - - ", "..."})
    void blankIsAbsent(String raw) {
        IdentifierCheck check = NhsNumbers.check(raw);
        assertEquals(IdentifierStatus.ABSENT, check.status());
        assertNull(check.normalised());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "943476591, 9434765919",
            "987654432, 9876544322",
            "999000005, 9990000050",
            "999000001, 9990000018",
            "000000000, 0000000000", // a check digit exists; check() then reports REPDIGIT
            "999000000, ",           // check value 10: null
    })
    void withCheckDigit(String stem, String expected) {
        assertEquals(expected, NhsNumbers.withCheckDigit(stem));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345678", "1234567890", "94347659A", " 943476591", "943 476 591"})
    void withCheckDigitRejectsBadStems(String stem) {
        assertThrows(IllegalArgumentException.class, () -> NhsNumbers.withCheckDigit(stem));
    }

    @Test
    void generatedNumbersAreValidUnlessRepdigit() {
        int generated = 0;
        for (int i = 0; i < 5_000; i++) {
            String stem = String.format("999%06d", i * 199);
            String nhs = NhsNumbers.withCheckDigit(stem);
            if (nhs != null) {
                generated++;
                assertEquals(IdentifierStatus.VALID, NhsNumbers.check(nhs).status(), nhs);
            }
        }
        // roughly 1 stem in 11 has check value 10
        assertEquals(5_000 * 10 / 11.0, generated, 150);
    }

    @Test
    void everySingleDigitErrorAndAdjacentSwapInTheFirstNineDigitsIsDetected() {
        String valid = "9434765919";
        for (int pos = 0; pos < 9; pos++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == valid.charAt(pos)) {
                    continue;
                }
                String typo = valid.substring(0, pos) + d + valid.substring(pos + 1);
                assertNotEquals(IdentifierStatus.VALID, NhsNumbers.check(typo).status(), typo);
            }
            if (pos < 8 && valid.charAt(pos) != valid.charAt(pos + 1)) {
                String swapped = valid.substring(0, pos) + valid.charAt(pos + 1) + valid.charAt(pos)
                        + valid.substring(pos + 2);
                assertNotEquals(IdentifierStatus.VALID, NhsNumbers.check(swapped).status(), swapped);
            }
        }
    }
}
