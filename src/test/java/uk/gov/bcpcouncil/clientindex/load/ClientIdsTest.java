package uk.gov.bcpcouncil.clientindex.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdsTest {

    private static final Pattern ID_FORMAT = Pattern.compile("BCP[0-9]{8}[0-9X]");
    private static final String CHECK_CHARS = "0123456789X";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1,        BCP00000001X",
            "2,        BCP000000028",
            "12345678, BCP123456789",
            "99999999, BCP999999999",
    })
    void format(long sequence, String expected) {
        assertEquals(expected, ClientIds.format(sequence));
        assertTrue(ClientIds.isValid(expected));
        assertEquals(sequence, ClientIds.sequenceOf(expected));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 100_000_000, Long.MIN_VALUE, Long.MAX_VALUE})
    void formatRejectsOutOfRange(long sequence) {
        assertThrows(IllegalArgumentException.class, () -> ClientIds.format(sequence));
    }

    /**
     * ISO/IEC 7064 MOD 11-2 vectors independent of this format: ORCID iDs use the same check character
     * (published examples, e.g. briandunning.com/cf/1556).
     */
    @ParameterizedTest(name = "MOD 11-2 of {0} = {1}")
    @CsvSource({
            "000000021825009, 7",   // ORCID 0000-0002-1825-0097
            "000000021694233, X",   // ORCID 0000-0002-1694-233X
            "000000026378622, 9",   // ORCID 0000-0002-6378-6229 (inbo protocolhelper validate_orcid example)
    })
    void checkCharMatchesPublishedMod11Vectors(String digits, char expected) {
        assertEquals(expected, ClientIds.checkChar(digits));
    }

    @ParameterizedTest(name = "[{0}] valid: {1}")
    @CsvSource(delimiter = '|', value = {
            "BCP00000001X  | true",
            "bcp00000001x  | true",
            "Bcp00000001X  | true",
            "BCP000000028  | true",
            "BCP000000027  | false",   // wrong check
            "BCP000000020  | false",
            "BCP00000001   | false",   // no check char
            "BCP0000000018 | false",   // too long
            "BCP0000001X   | false",   // 7 digits
            "BCP000000000  | false",   // sequence 0 (its check char would be 1 but the range starts at 1)
            "BCP000000001  | false",
            "' BCP00000001X' | false",
            "BCP00000001X  ' | false",
            "BCP-00000001X | false",
            "BCQ00000001X  | false",
            "00000001X     | false",
            "BCP0000000A1X | false",
            "BCP00000001Y  | false",
            "BCP１２３４５６７８９ | false",
    })
    void isValid(String id, boolean expected) {
        assertEquals(expected, ClientIds.isValid(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"BCP000000027", "BCP000000000", "nonsense"})
    void invalidIdsAreRejected(String id) {
        assertFalse(ClientIds.isValid(id));
        assertThrows(IllegalArgumentException.class, () -> ClientIds.sequenceOf(id));
    }

    @Test
    void everySubstitutionAndAdjacentTranspositionIsDetected() {
        int ids = 0;
        long checked = 0;
        for (long seq = 1; seq <= ClientIds.MAX_SEQUENCE; seq += 4_999) {
            ids++;
            checked += assertAllErrorsDetected(ClientIds.format(seq));
        }
        for (long seq = ClientIds.MAX_SEQUENCE - 2_000; seq <= ClientIds.MAX_SEQUENCE; seq++) {
            ids++;
            checked += assertAllErrorsDetected(ClientIds.format(seq));
        }
        assertTrue(ids >= 20_000, "ids tested: " + ids);
        assertTrue(checked > ids * 80L, "variants checked: " + checked);
    }

    /** Returns the number of corrupted variants checked. */
    private static int assertAllErrorsDetected(String id) {
        assertTrue(ID_FORMAT.matcher(id).matches(), id);
        assertTrue(ClientIds.isValid(id), id);
        int checked = 0;
        char[] chars = id.toCharArray();
        // substitutions in the 8 digits and in the check character
        for (int pos = 3; pos < 12; pos++) {
            String alphabet = pos < 11 ? "0123456789" : CHECK_CHARS;
            for (char c : alphabet.toCharArray()) {
                if (c == chars[pos]) {
                    continue;
                }
                char[] typo = chars.clone();
                typo[pos] = c;
                assertFalse(ClientIds.isValid(new String(typo)), () -> id + " -> " + new String(typo));
                checked++;
            }
        }
        // adjacent transpositions among the 8 digits, and of the last digit with a numeric check character
        for (int pos = 3; pos < 11; pos++) {
            if (chars[pos] == chars[pos + 1] || chars[pos + 1] == 'X') {
                continue;
            }
            char[] swapped = chars.clone();
            swapped[pos] = chars[pos + 1];
            swapped[pos + 1] = chars[pos];
            assertFalse(ClientIds.isValid(new String(swapped)), () -> id + " -> " + new String(swapped));
            checked++;
        }
        return checked;
    }
}
