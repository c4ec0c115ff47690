package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierStatusTest {

    @ParameterizedTest(name = "{0} usable as evidence: {1}")
    @CsvSource({
            "ABSENT,          false",
            "VALID,           true",
            "VALID_TEMPORARY, false",
            "INVALID_FORMAT,  false",
            "INVALID_CHECK,   false",
            "REPDIGIT,        false",
            "INVALID_LA_CODE, false",
            "SPECIAL,         false",
    })
    void onlyValidIsEvidence(IdentifierStatus status, boolean expected) {
        assertEquals(expected, status.usableAsEvidence());
    }

    @Test
    void everyStatusIsCoveredByTheTableAbove() {
        assertEquals(8, IdentifierStatus.values().length);
    }

    @Test
    void normalisedIsNullExactlyWhenAbsent() {
        assertNull(new IdentifierCheck(" ", null, IdentifierStatus.ABSENT).normalised());
        assertEquals("X", new IdentifierCheck("x", "X", IdentifierStatus.INVALID_FORMAT).normalised());
        assertThrows(IllegalArgumentException.class, () -> new IdentifierCheck("x", "X", IdentifierStatus.ABSENT));
        assertThrows(IllegalArgumentException.class, () -> new IdentifierCheck("x", null, IdentifierStatus.VALID));
        assertThrows(NullPointerException.class, () -> new IdentifierCheck("x", "X", null));
    }
}
