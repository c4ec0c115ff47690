package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.SurvivorshipRules;
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
                "SOURCE_PRIORITY"));
        assertThat(g.sex()).isEqualTo("M"); // a known sex wins over unknown
        assertThat(g.members()).containsExactly("BOURNEMOUTH:5", "POOLE:P0000009");
        // nothing known is lost: both first names and both NHS numbers stay in the history
        assertThat(g.history().names()).extracting(m -> m.get("given")).containsExactlyInAnyOrder(List.of("Alfie"),
                List.of("Alfred"));
        assertThat(g.history().identifiers()).extracting(m -> m.get("value")).contains("9434765918", "9434765919");
    }

    @Test
    void eachFieldFollowsItsRuleFromTheSurvivorshipFile() {
        CanonicalRecord newerBournemouth = record(SourceSystem.BOURNEMOUTH, "7", "Jo", "9434765919",
                IdentifierStatus.VALID, "2025-06-01T00:00", "F");
        CanonicalRecord olderPoole = new CanonicalRecord(SourceSystem.POOLE, "P0000001", List.of("Joanna", "Mary"),
                "Smith", List.of(), LocalDate.of(2015, 3, 4), "ACTUAL", null, "M", "M",
                new IdentifierCheck("4010232137", "4010232137", IdentifierStatus.VALID),
                new IdentifierCheck(null, null, IdentifierStatus.ABSENT), "WBRI", "WBR", null, List.of(), List.of(),
                "2020-01-01T00:00:00Z", false, List.of(), List.of());

        GoldenRecord g = new GoldenRecordBuilder().build("BCP000000011", "BOURNEMOUTH:7",
                List.of(newerBournemouth, olderPoole));

        // given_name: most complete (two given names); sex: most recent; nhs_number: Poole first
        assertThat(g.givenName()).isEqualTo("Joanna");
        assertThat(g.middleNames()).containsExactly("Mary");
        assertThat(g.provenance().get("given_name")).isEqualTo(new GoldenRecord.Provenance("POOLE", "P0000001",
                "MOST_COMPLETE"));
        assertThat(g.sex()).isEqualTo("F");
        assertThat(g.provenance().get("sex").rule()).isEqualTo("VALID_FIRST>MOST_RECENT");
        assertThat(g.nhsNumber()).isEqualTo("4010232137");

        // the same records under other rules: Bournemouth first for the NHS number
        java.util.Map<String, SurvivorshipRules.Rule> rules = new java.util.LinkedHashMap<>(
                SurvivorshipRules.defaults().fields());
        rules.put("nhs_number", new SurvivorshipRules.Rule(SurvivorshipRules.Strategy.SOURCE_PRIORITY,
                List.of(SourceSystem.BOURNEMOUTH, SourceSystem.POOLE, SourceSystem.CHRISTCHURCH)));
        rules.put("given_name", new SurvivorshipRules.Rule(SurvivorshipRules.Strategy.MOST_RECENT,
                SurvivorshipRules.defaults().defaultPriority()));
        GoldenRecord other = new GoldenRecordBuilder(new SurvivorshipRules(SurvivorshipRules.defaults().defaultPriority(),
                rules)).build("BCP000000011", "BOURNEMOUTH:7", List.of(olderPoole, newerBournemouth));
        assertThat(other.nhsNumber()).isEqualTo("9434765919");
        assertThat(other.givenName()).isEqualTo("Jo");
        // both NHS numbers stay in the history as former identifiers
        assertThat(other.history().identifiers()).extracting(m -> m.get("value")).contains("9434765919", "4010232137");
    }

    @Test
    void legacyTimestampsOfTheThreeFormatsCompare() {
        assertThat(GoldenRecordBuilder.updatedKey("2024-01-02T10:00")).isEqualTo("20240102100000");
        assertThat(GoldenRecordBuilder.updatedKey("20240102100000")).isEqualTo("20240102100000");
        assertThat(GoldenRecordBuilder.updatedKey("2024-01-02T10:00:00.123+00:00")).isEqualTo("20240102100000");
    }
}
