package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

class GoldenRecordBuilderTest {

    private static CanonicalRecord record(SourceSystem source, String id, String first, String nhs,
            IdentifierStatus nhsStatus, String updated, String sex) {
        return new CanonicalRecord(source, id, List.of(first), "Smith", List.of(), LocalDate.of(2015, 3, 4), "ACTUAL",
                null, sex, sex, new IdentifierCheck(nhs, nhs, nhsStatus),
                new IdentifierCheck(null, null, IdentifierStatus.ABSENT), "WBRI", "WBR", null, List.of(), List.of(),
                updated, false, List.of(), List.of());
    }

    @Test
    void anInvalidIdentifierNeverWinsOverAValidOneAndEveryValueSaysWhereItCameFrom() {
        CanonicalRecord newerInvalid = record(SourceSystem.BOURNEMOUTH, "5", "Alfie", "9434765918",
                IdentifierStatus.INVALID_CHECK, "2025-01-01T00:00", "U");
        CanonicalRecord olderValid = record(SourceSystem.POOLE, "P0000009", "Alfred", "9434765919",
                IdentifierStatus.VALID, "2020-01-01T00:00:00Z", "M");

        GoldenRecord g = new GoldenRecordBuilder().build("BCP000000011", "BOURNEMOUTH:5", List.of(newerInvalid, olderValid));

        assertThat(g.nhsNumber()).isEqualTo("9434765919");
        assertThat(g.provenance().get("nhs_number")).isEqualTo(new GoldenRecord.Provenance("POOLE", "P0000009",
                GoldenRecordBuilder.RULE));
        assertThat(g.sex()).isEqualTo("M"); // a known sex wins over unknown
        assertThat(g.members()).containsExactly("BOURNEMOUTH:5", "POOLE:P0000009");
        // nothing known is lost: both first names and both NHS numbers stay in the history
        assertThat(g.history().names()).extracting(m -> m.get("given")).containsExactlyInAnyOrder(List.of("Alfie"),
                List.of("Alfred"));
        assertThat(g.history().identifiers()).extracting(m -> m.get("value")).contains("9434765918", "9434765919");
    }

    @Test
    void legacyTimestampsOfTheThreeFormatsCompare() {
        assertThat(GoldenRecordBuilder.updatedKey("2024-01-02T10:00")).isEqualTo("20240102100000");
        assertThat(GoldenRecordBuilder.updatedKey("20240102100000")).isEqualTo("20240102100000");
        assertThat(GoldenRecordBuilder.updatedKey("2024-01-02T10:00:00.123+00:00")).isEqualTo("20240102100000");
    }
}
