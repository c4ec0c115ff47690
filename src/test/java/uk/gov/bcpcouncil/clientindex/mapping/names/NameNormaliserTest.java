package uk.gov.bcpcouncil.clientindex.mapping.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NameNormaliserTest {

    @ParameterizedTest(name = "clean [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "SMITH               | Smith",
            "smith               | Smith",
            "'  Smith  '         | Smith",
            "SMITH-JONES         | Smith-Jones",
            "smith - jones       | Smith-Jones",
            "Smith -Jones        | Smith-Jones",
            "Smith\u2013Jones    | Smith-Jones",
            "Smith\u2014Jones    | Smith-Jones",
            "Smith\u2010Jones    | Smith-Jones",
            "Smith\u2011Jones    | Smith-Jones",
            "Smith Jones         | Smith Jones",
            "'Smith   Jones'     | Smith Jones",
            "'Smith\u00A0Jones'  | Smith Jones",
            "'Mary\tEllen'       | Mary Ellen",
            "o'brien             | O'Brien",
            "O\u2019BRIEN        | O'Brien",
            "O\u2018Brien        | O'Brien",
            "O`Brien             | O'Brien",
            "O\u00B4Brien        | O'Brien",
            "mcdonald            | Mcdonald",
            "McDonald            | Mcdonald",
            "de la cruz          | De La Cruz",
            "ZOË                 | Zoë",
            "zoe\u0308           | Zoë",
            "SIÂN                | Siân",
            "ÉLODIE              | Élodie",
            "anne-marie o'neill  | Anne-Marie O'Neill",
            "ISLA                | Isla",
    })
    void clean(String raw, String expected) {
        assertEquals(expected, NameNormaliser.clean(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "\u00A0 "})
    void blankCleansToNull(String raw) {
        assertNull(NameNormaliser.clean(raw));
        assertNull(NameNormaliser.matchKey(raw));
        assertEquals(List.of(), NameNormaliser.splitGiven(raw));
        assertEquals(List.of(), NameNormaliser.surnameParts(raw));
        assertEquals(false, NameNormaliser.isPlaceholder(raw, raw));
    }

    @ParameterizedTest(name = "matchKey [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "O'Brien        | OBRIEN",
            "OBRIEN         | OBRIEN",
            "o\u2019brien   | OBRIEN",
            "Smith-Jones    | SMITHJONES",
            "Smith Jones    | SMITHJONES",
            "smith \u2013 jones | SMITHJONES",
            "Zoë            | ZOE",
            "Zoe            | ZOE",
            "zoe\u0308      | ZOE",
            "Siân           | SIAN",
            "Chloé          | CHLOE",
            "Ioan           | IOAN",
            "'-'            | ",
    })
    void matchKey(String raw, String expected) {
        assertEquals(expected, NameNormaliser.matchKey(raw));
    }

    @ParameterizedTest(name = "[{0}] / [{1}] placeholder: {2}")
    @CsvSource(delimiter = '|', value = {
            "Baby           | Smith      | true",
            "BABY           | Smith      | true",
            "baby           |            | true",
            "Baby Of Smith  | Smith      | true",
            "Baby of        | Smith      | true",
            "Baby Boy       | Smith      | true",
            "Baby Girl      | Smith      | true",
            "Baby 2         | Smith      | true",
            "Unborn         | Smith      | true",
            "Unborn Baby    | Smith      | true",
            "Infant         | Smith      | true",
            "Newborn        | Smith      | true",
            "New Born       | Smith      | true",
            "Unknown        | Smith      | true",
            "Not Known      | Smith      | true",
            "not  known     | Smith      | true",
            "NK             | Smith      | true",
            "N/K            | Smith      | true",
            "TBC            | Smith      | true",
            "Twin 1         | Smith      | true",
            "Twin A         | Smith      | true",
            "twin-b         | Smith      | true",
            "B/O Smith      | Smith      | true",
            "b / o smith    | Smith      | true",
            "B/O            |            | true",
            "Jack           | Unknown    | true",
            "Jack           | NOT KNOWN  | true",
            "Jack           | nk         | true",
            "Jack           | N/K        | true",
            "               | Unknown    | true",
            // real names, including ones that contain or resemble placeholder words
            "Jack           | Smith      | false",
            "Babette        | Smith      | false",
            "Twinkle        | Smith      | false",
            "Nkechi         | Smith      | false",
            "Tobias         | Smith      | false",
            "Bo             | Smith      | false",
            "Mary Baby      | Smith      | false",
            "Jack           | Baby       | false",
            "Jack           | Unknownson | false",
            "Jack           | Smith-Unknown | false",
            "Jack           |            | false",
            "               | Smith      | false",
    })
    void placeholders(String given, String family, boolean expected) {
        assertEquals(expected, NameNormaliser.isPlaceholder(given, family));
    }

    @ParameterizedTest(name = "splitGiven [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Mary Ellen       | Mary,Ellen",
            "'  mary   ellen '| Mary,Ellen",
            "MARY-ELLEN       | Mary-Ellen",
            "Mary - Ellen Jo  | Mary-Ellen,Jo",
            "Alfie            | Alfie",
            "zoë siân         | Zoë,Siân",
    })
    void splitGiven(String raw, String expected) {
        assertEquals(Arrays.asList(expected.split(",")), NameNormaliser.splitGiven(raw));
    }

    @ParameterizedTest(name = "surnameParts [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Smith-Jones      | SMITH,JONES",
            "Smith Jones      | SMITH,JONES",
            "SMITH - JONES    | SMITH,JONES",
            "Smith\u2013Jones | SMITH,JONES",
            "O'Brien          | OBRIEN",
            "Ní Bhriain       | NI,BHRIAIN",
            "Smith            | SMITH",
            "Lloyd-Webber Ap Rhys | LLOYD,WEBBER,AP,RHYS",
    })
    void surnameParts(String raw, String expected) {
        assertEquals(Arrays.asList(expected.split(",")), NameNormaliser.surnameParts(raw));
    }

    @Test
    void matchKeyOfAnyPartOrderIsStable() {
        assertEquals(NameNormaliser.matchKey("Smith-Jones"), NameNormaliser.matchKey("SMITH  JONES"));
        assertEquals(NameNormaliser.matchKey("O\u2019Brien"), NameNormaliser.matchKey("obrien"));
    }

    /** The fast path for plain ASCII names gives what the general rules give, whatever the input. */
    @Test
    void plainAsciiNamesCleanAsTheGeneralRulesDo() {
        String alphabet = "aZm' -\u00E9\t.";
        java.util.Random random = new java.util.Random(8);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = name.toString();
            fast += NameNormaliser.plainAscii(raw) ? 1 : 0;
            String expected = raw.isEmpty() ? null : NameNormaliser.cleanByRules(raw);
            assertEquals(expected, NameNormaliser.clean(raw), () -> "clean of [" + raw + "]");
        }
        org.assertj.core.api.Assertions.assertThat(fast).isGreaterThan(10_000);
        for (String raw : List.of("SMITH", "o'brien", "MARY-JANE", "de la cruz", "x", "-", "'", "a-b'c d")) {
            assertEquals(NameNormaliser.cleanByRules(raw), NameNormaliser.clean(raw), raw);
        }
    }
}
