package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchLineMapper;
import uk.gov.bcpcouncil.clientindex.mapping.MappedRecord.Outcome;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

class RecordMapperTest {

    private static final RecordMapper MAPPER = new RecordMapper(MappingLoader.load(Path.of("mappings")));

    private static Map<String, String> bournemouth(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("client_id", "17", "forename", "Mary Ellen", "surname", "SMITH",
                "date_of_birth", "03/04/2015", "dob_estimated", "N", "gender", "F", "nhs_no", "943 476 5919",
                "ethnicity", "WBR", "record_status", "A", "updated_on", "2024-01-02T10:00"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static MappedRecord map(SourceSystem source, Map<String, String> person) {
        return MAPPER.process(new StagedPerson(source, "17", person, List.of(), List.of(), List.of()));
    }

    @Test
    void mapsABournemouthRecordToTheCanonicalModel() {
        MappedRecord m = map(SourceSystem.BOURNEMOUTH, bournemouth());

        assertThat(m.outcome()).isEqualTo(Outcome.CANDIDATE);
        CanonicalRecord r = m.record();
        assertThat(r.givenNames()).containsExactly("Mary", "Ellen");
        assertThat(r.familyName()).isEqualTo("Smith");
        assertThat(r.birthDate()).isEqualTo(LocalDate.of(2015, 4, 3));
        assertThat(r.sex()).isEqualTo("F");
        assertThat(r.sexSource()).isEqualTo("F");
        assertThat(r.ethnicity()).isEqualTo("WBRI");
        assertThat(r.nhsNumber().normalised()).isEqualTo("9434765919");
        assertThat(r.nhsNumber().status()).isEqualTo(IdentifierStatus.VALID);
    }

    @Test
    void anImpossibleDateIsKeptOutAndNotedNotGuessed() {
        CanonicalRecord r = map(SourceSystem.BOURNEMOUTH, bournemouth("date_of_birth", "31/02/2015")).record();

        assertThat(r.birthDate()).isNull();
        assertThat(r.issues()).containsExactly("person.birth_date: not a valid date");
    }

    @Test
    void anUnbornChildHasAnExpectedDateNotADateOfBirth() {
        CanonicalRecord r = map(SourceSystem.BOURNEMOUTH, bournemouth("dob_estimated", "U", "forename", "Baby",
                "date_of_birth", "01/02/2027")).record();

        assertThat(r.birthDate()).isNull();
        assertThat(r.expectedBirthDate()).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThat(r.placeholderName()).isTrue();
        assertThat(r.givenNames()).isEmpty();
    }

    @Test
    void softDeletedAndMergedRecordsAreAccountedForNotDropped() {
        assertThat(map(SourceSystem.BOURNEMOUTH, bournemouth("record_status", "D")))
                .extracting(MappedRecord::outcome, MappedRecord::reason).containsExactly(Outcome.EXCLUDED, "SOFT_DELETED");
        assertThat(map(SourceSystem.BOURNEMOUTH, bournemouth("record_status", "M", "merged_into", "9")))
                .extracting(MappedRecord::outcome, MappedRecord::mergeTarget).containsExactly(Outcome.MERGED_IN_SOURCE, "9");
        assertThat(map(SourceSystem.BOURNEMOUTH, bournemouth("record_status", "M")))
                .extracting(MappedRecord::outcome, MappedRecord::reason).containsExactly(Outcome.REJECTED, "MERGE_TARGET_MISSING");
    }

    @Test
    void anUnmappedCodeIsCountedNeverDefaulted() {
        CanonicalRecord r = map(SourceSystem.BOURNEMOUTH, bournemouth("ethnicity", "XYZ")).record();

        assertThat(r.ethnicity()).isEqualTo(CanonicalRecord.UNMAPPED);
        assertThat(r.unmapped()).containsExactly(new CanonicalRecord.Unmapped("ethnicity", "XYZ"));
    }

    @Test
    void aRecordWithNothingToIdentifyTheChildIsRejectedWithAReason() {
        MappedRecord m = map(SourceSystem.BOURNEMOUTH, bournemouth("forename", "", "surname", null, "date_of_birth",
                "00/00/0000", "nhs_no", ""));

        assertThat(m.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(m.reason()).isEqualTo("INSUFFICIENT_IDENTITY");
    }

    @Test
    void mapsPooleAndChristchurchConventions() {
        MappedRecord poole = map(SourceSystem.POOLE, Map.of("person_ref", "P0000017", "given_names", "john paul",
                "family_name", "O'BRIEN", "birth_date", "2016-05-06", "birth_date_kind", "ACTUAL", "sex", "1",
                "ethnic_origin", "White British", "is_deleted", "false", "last_modified", "2024-01-01T00:00Z"));
        assertThat(poole.outcome()).isEqualTo(Outcome.CANDIDATE);
        assertThat(poole.record().sex()).isEqualTo("M");
        assertThat(poole.record().ethnicity()).isEqualTo("WBRI");
        assertThat(poole.record().familyName()).isEqualTo("O'Brien");

        Map<String, String> cc = new HashMap<>(Map.of("dcc_id", "17", "surname", "SMITH", "forenames", "ZOË",
                "alias_names", "ZOE JONES;ZOË SMITH-JONES", "dob", "20150304", "dob_flag", "A", "sex", "Not stated",
                "ethnicity", "Mixed - White and Asian", "postcode", "bh23 1aa"));
        CanonicalRecord r = map(SourceSystem.CHRISTCHURCH, cc).record();
        assertThat(r.birthDate()).isEqualTo(LocalDate.of(2015, 3, 4));
        assertThat(r.sex()).isEqualTo("U");
        assertThat(r.sexSource()).isEqualTo("Not stated");
        assertThat(r.otherNames()).extracting(CanonicalRecord.OtherName::familyName).containsExactly("Jones", "Smith-Jones");
        assertThat(r.currentPostcode().normalised()).isEqualTo("BH23 1AA");

        Map<String, String> malformed = Map.of(ChristchurchLineMapper.MALFORMED, "line 3 has 2 values");
        assertThat(map(SourceSystem.CHRISTCHURCH, malformed)).extracting(MappedRecord::outcome, MappedRecord::reason)
                .containsExactly(Outcome.REJECTED, "MALFORMED_ROW");
    }

    @Test
    void leavesAMalformedAddressRowOutOfItsRecordAndNotesItKeepingTheChild() {
        Map<String, String> badAddress = new HashMap<>();
        badAddress.put("line1", null);
        badAddress.put(ChristchurchLineMapper.MALFORMED, "client_address line1 holds a control character (U+000A)");

        MappedRecord m = MAPPER.process(new StagedPerson(SourceSystem.BOURNEMOUTH, "17", bournemouth(),
                List.of(badAddress), List.of(), List.of()));

        assertThat(m.outcome()).isEqualTo(Outcome.CANDIDATE);
        assertThat(m.record().addresses()).isEmpty();
        assertThat(m.record().issues()).containsExactly(
                "address row rejected as malformed: client_address line1 holds a control character (U+000A)");
    }
}
