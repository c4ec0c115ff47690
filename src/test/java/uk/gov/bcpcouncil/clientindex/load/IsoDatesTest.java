package uk.gov.bcpcouncil.clientindex.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

class IsoDatesTest {

    private final JsonMapper plain = JsonMapper.builder().build();
    private final JsonMapper fast = IsoDates.reading(plain);

    @Test
    void everyDayOfFourHundredYearsReadsAsTheFormatterReadsIt() {
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.isBefore(LocalDate.of(2300, 1, 1)); d = d.plusDays(1)) {
            assertEquals(d, IsoDates.parse(d.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-01",
            "2024/01/01", "20240101", "2024-01-01T00:00", " 2024-01-01", "+2024-01-01", "２０２４-01-01", ""})
    void anythingElseIsLeftToJackson(String text) {
        assertNull(IsoDates.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2024-02-29\"", "\"2024-01-01T10:15:30\"", "\" 2024-01-01 \"", "null", "[2024,1,31]"})
    void readsWhatJacksonReads(String json) {
        assertEquals(plain.readValue(json, LocalDate.class), fast.readValue(json, LocalDate.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2024-02-30\"", "\"not a date\""})
    void refusesWhatJacksonRefuses(String json) {
        assertThrows(JacksonException.class, () -> plain.readValue(json, LocalDate.class));
        assertThrows(JacksonException.class, () -> fast.readValue(json, LocalDate.class));
    }

    @Test
    void aRecordReadsTheSameEitherWay() {
        String json = "{\"source\":\"POOLE\",\"sourceRecordId\":\"42\",\"givenNames\":[\"Amy\"],\"familyName\":\"Smith\","
                + "\"birthDate\":\"2015-03-09\",\"addresses\":[{\"text\":\"1 High St\",\"from\":\"2016-01-02\",\"to\":null}],"
                + "\"involvements\":[{\"type\":\"CIN\",\"from\":\"2019-12-31\",\"to\":\"2020-02-29\"}],"
                + "\"expectedBirthDate\":null,\"dateOfDeath\":\"2021-06-30\",\"placeholderName\":false}";
        CanonicalRecord a = plain.readValue(json, CanonicalRecord.class);
        CanonicalRecord b = fast.readValue(json, CanonicalRecord.class);
        assertEquals(a, b);
        assertEquals(List.of(LocalDate.of(2016, 1, 2)), b.addresses().stream().map(CanonicalRecord.Address::from).toList());
    }
}
