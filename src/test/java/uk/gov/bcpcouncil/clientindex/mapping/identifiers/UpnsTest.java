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

class UpnsTest {

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            // python-stdnum documentation vectors (LA 801, Bristol)
            "B801200005001     | B801200005001 | VALID",
            "A801200005001     | A801200005001 | INVALID_CHECK",
            "' b801200005001 ' | B801200005001 | VALID",
            // CIN rule 1510 test vectors: check letter right, but 950 and 243 are not LA numbers in rule 1530
            "A950000178301     | A950000178301 | INVALID_LA_CODE",
            "H243278544154     | H243278544154 | INVALID_LA_CODE",
            // CIN rule 1510 test vectors with a wrong check letter
            "R247962919251     | R247962919251 | INVALID_CHECK",
            "X428558133462     | X428558133462 | INVALID_CHECK",
            // CIN rule 1530 test vector: check letter right, 817 not an LA number
            "X817558133462     | X817558133462 | INVALID_LA_CODE",
            // vendor example with a wrong published check letter (Q); P is correct (207: Kensington and Chelsea)
            "B207000016049     | B207000016049 | INVALID_CHECK",
            "P207000016049     | P207000016049 | VALID",
            // BCP and predecessor LA numbers (check letters computed with the brief's algorithm)
            "E839400023001     | E839400023001 | VALID",
            "W837211019042     | W837211019042 | VALID",
            "D836450018117     | D836450018117 | VALID",
            "F835300024011     | F835300024011 | VALID",
            "Z838200021005     | Z838200021005 | VALID",
            "H940100023003     | H940100023003 | VALID",
            "K943100023004     | K943100023004 | VALID",
            "U001000000001     | U001000000001 | VALID",
            "P000000000001     | P000000000001 | INVALID_LA_CODE",
            "C999000000001     | C999000000001 | INVALID_LA_CODE",
            // temporary UPNs: final letter valued A=0 ... Z=22
            "D83940002301A     | D83940002301A | VALID_TEMPORARY",
            "T83940002301B     | T83940002301B | VALID_TEMPORARY",
            "P83940002301Z     | P83940002301Z | VALID_TEMPORARY",
            "c83940002301h     | C83940002301H | VALID_TEMPORARY",
            "D83940002301B     | D83940002301B | INVALID_CHECK",
            // the final letter of a temporary UPN and the check letter are never I, O or S
            "D83940002301I     | D83940002301I | INVALID_FORMAT",
            "D83940002301O     | D83940002301O | INVALID_FORMAT",
            "D83940002301S     | D83940002301S | INVALID_FORMAT",
            "I839400023001     | I839400023001 | INVALID_FORMAT",
            "O839400023001     | O839400023001 | INVALID_FORMAT",
            "S839400023001     | S839400023001 | INVALID_FORMAT",
            // shape
            "E83940002300      | E83940002300  | INVALID_FORMAT",
            "E8394000230011    | E8394000230011| INVALID_FORMAT",
            "E 839400023001    | E 839400023001| INVALID_FORMAT",
            "1839400023001     | 1839400023001 | INVALID_FORMAT",
            "E83940002300AA    | E83940002300AA| INVALID_FORMAT",
            "E8394000230A1     | E8394000230A1 | INVALID_FORMAT",
            "ASFFAGSVSV123     | ASFFAGSVSV123 | INVALID_FORMAT",
            "UN1               | UN1           | INVALID_FORMAT",
    })
    void checks(String raw, String normalised, IdentifierStatus status) {
        IdentifierCheck check = Upns.check(raw);
        assertEquals(status, check.status());
        assertEquals(normalised, check.normalised());
        assertSame(raw, check.raw());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void blankIsAbsent(String raw) {
        IdentifierCheck check = Upns.check(raw);
        assertEquals(IdentifierStatus.ABSENT, check.status());
        assertNull(check.normalised());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "801200005001, B801200005001",
            "950000178301, A950000178301",
            "243278544154, H243278544154",
            "207000016049, P207000016049",
            "83940002301A, D83940002301A",
            "83940002301Z, P83940002301Z",
    })
    void withCheckLetter(String twelve, String expected) {
        assertEquals(expected, Upns.withCheckLetter(twelve));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"80120000500", "8012000050011", "83940002301I", "83940002301a", "8394000230AA",
            "B80120000500"})
    void withCheckLetterRejectsBadInput(String twelve) {
        assertThrows(IllegalArgumentException.class, () -> Upns.withCheckLetter(twelve));
    }

    @ParameterizedTest(name = "LA {0} known: {1}")
    @CsvSource({
            "835, true", "836, true", "837, true", "838, true", "839, true",
            "940, true", "941, true", "942, true", "943, true", "801, true", "001, true", "005, true",
            "865, true", "896, true", "201, true", "213, true",
            "000, false", "006, false", "200, false", "214, false", "243, false", "804, false", "817, false",
            "834, false", "897, false", "944, false", "950, false", "999, false",
    })
    void laCodeList(String code, boolean known) {
        assertEquals(known, Upns.isKnownLaCode(code));
        String upn = Upns.withCheckLetter(code + "000012301");
        assertEquals(known ? IdentifierStatus.VALID : IdentifierStatus.INVALID_LA_CODE, Upns.check(upn).status());
    }

    @Test
    void everySingleCharacterErrorAndAdjacentSwapIsDetected() {
        String valid = "E839400023001";
        for (int pos = 1; pos < 13; pos++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == valid.charAt(pos)) {
                    continue;
                }
                String typo = valid.substring(0, pos) + d + valid.substring(pos + 1);
                assertNotEquals(IdentifierStatus.VALID, Upns.check(typo).status(), typo);
            }
            if (pos < 12 && valid.charAt(pos) != valid.charAt(pos + 1)) {
                String swapped = valid.substring(0, pos) + valid.charAt(pos + 1) + valid.charAt(pos)
                        + valid.substring(pos + 2);
                assertEquals(IdentifierStatus.INVALID_CHECK, Upns.check(swapped).status(), swapped);
            }
        }
    }
}
