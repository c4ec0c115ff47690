package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

/** The matcher's view of a canonical record: here, the middle names it compares. */
class MatchRecordsTest {

    private static CanonicalRecord record(List<String> given, LocalDate expected, boolean placeholder) {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        return new CanonicalRecord(SourceSystem.POOLE, "P0000001", given, "Smith", List.of(), expected == null ? LocalDate.of(2015, 3, 4)
                : null, expected == null ? "ACTUAL" : "EXPECTED", expected, "F", "F", absent, absent, "WBRI", "WBR", null, List.of(),
                List.of(), "2020-01-01T00:00:00Z", placeholder, List.of(), List.of());
    }

    @Test
    void middleNamesAreTheGivenNamesAfterTheFirstAsMatchKeys() {
        MatchRecord r = MatchRecords.of(record(List.of("Chloë", "Mae Rose", "Zoë"), null, false));
        assertThat(r.firstNames()).containsExactly("CHLOE");
        assertThat(r.middleNames()).containsExactly("MAE", "ROSE", "ZOE");
    }

    @Test
    void aRecordWithOneGivenNameOrAnUnbornRecordHasNoMiddleNames() {
        assertThat(MatchRecords.of(record(List.of("Chloe"), null, false)).middleNames()).isEmpty();
        assertThat(MatchRecords.of(record(List.of(), null, false)).middleNames()).isEmpty();
        assertThat(MatchRecords.of(record(List.of("Baby", "Of Smith"), LocalDate.of(2026, 12, 1), true)).middleNames()).isEmpty();
    }

    @Test
    void aMiddleNameThatRepeatsTheFirstNameIsNotCountedTwice() {
        assertThat(MatchRecords.of(record(List.of("Anna", "Anna", "Grace"), null, false)).middleNames()).containsExactly("GRACE");
    }
}
