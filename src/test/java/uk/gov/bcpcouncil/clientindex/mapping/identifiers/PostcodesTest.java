package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}] {2}")
    @CsvSource(delimiter = '|', value = {
            // forms seen in the legacy systems
            "bh1 1aa       | BH1 1AA  | VALID",
            "BH11AA        | BH1 1AA  | VALID",
            "BH1  1AA      | BH1 1AA  | VALID",
            "' BH1 1AA '   | BH1 1AA  | VALID",
            "'BH1\t1AA'    | BH1 1AA  | VALID",
            "'BH1\u00A01AA'| BH1 1AA  | VALID",
            "B H 1 1 A A   | BH1 1AA  | VALID",
            "BH23 1AB      | BH23 1AB | VALID",
            "bh231ab       | BH23 1AB | VALID",
            // every outward shape: A9, A99, A9A, AA9, AA99, AA9A, and GIR 0AA
            "M1 1AE        | M1 1AE   | VALID",
            "B33 8TH       | B33 8TH  | VALID",
            "W1A 0AX       | W1A 0AX  | VALID",
            "CR2 6XH       | CR2 6XH  | VALID",
            "DN55 1PT      | DN55 1PT | VALID",
            "EC1A 1BB      | EC1A 1BB | VALID",
            "gir0aa        | GIR 0AA  | VALID",
            // special values
            "NFA           | NFA      | SPECIAL",
            "nfa           | NFA      | SPECIAL",
            "' N F A '     | NFA      | SPECIAL",
            "ZZ99 3VZ      | ZZ99 3VZ | SPECIAL",
            "zz993vz       | ZZ99 3VZ | SPECIAL",
            // invalid
            "B1            | B1       | INVALID_FORMAT",
            "QH1 1AA       | QH1 1AA  | INVALID_FORMAT",
            "VH1 1AA       | VH1 1AA  | INVALID_FORMAT",
            "XH1 1AA       | XH1 1AA  | INVALID_FORMAT",
            "BI1 1AA       | BI1 1AA  | INVALID_FORMAT",
            "BJ1 1AA       | BJ1 1AA  | INVALID_FORMAT",
            "BZ1 1AA       | BZ1 1AA  | INVALID_FORMAT",
            "BH1 1CA       | BH1 1CA  | INVALID_FORMAT",
            "BH1 1AI       | BH1 1AI  | INVALID_FORMAT",
            "BH1 1AK       | BH1 1AK  | INVALID_FORMAT",
            "BH1 1MA       | BH1 1MA  | INVALID_FORMAT",
            "BH1 1OA       | BH1 1OA  | INVALID_FORMAT",
            "BH1 1AV       | BH1 1AV  | INVALID_FORMAT",
            "BH1 AAA       | BH1 AAA  | INVALID_FORMAT",
            "W1I 0AX       | W1I 0AX  | INVALID_FORMAT",
            "EC1C 1BB      | EC1C 1BB | INVALID_FORMAT",
            "BH123 1AA     | BH123 1AA| INVALID_FORMAT",
            "1AA           | 1AA      | INVALID_FORMAT",
            "BH1-1AA       | BH1- 1AA | INVALID_FORMAT",
            "ZZ99 ZZZ      | ZZ99 ZZZ | INVALID_FORMAT",
            "BFPO 1234     | BFPO1 234| INVALID_FORMAT",
            "N/A           | N/A      | INVALID_FORMAT",
    })
    void checks(String raw, String normalised, IdentifierStatus status) {
        IdentifierCheck check = Postcodes.check(raw);
        assertEquals(status, check.status());
        assertEquals(normalised, check.normalised());
        assertSame(raw, check.raw());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "\u00A0"})
    void blankIsAbsent(String raw) {
        IdentifierCheck check = Postcodes.check(raw);
        assertEquals(IdentifierStatus.ABSENT, check.status());
        assertNull(check.normalised());
    }

    /** White space is removed without a matcher exactly as the pattern [\\s\\p{Z}]+ removes it. */
    @org.junit.jupiter.api.Test
    void whiteSpaceIsRemovedAsThePatternRemovesIt() {
        String alphabet = "Bh1 \t\n\u000B\f\r\u00A0\u2003\u2028\u2029\u001C\u3000";
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(s.toString().replaceAll("[\\s\\p{Z}]+", ""), Postcodes.withoutWhitespace(s.toString()),
                    s.toString());
        }
    }
}
