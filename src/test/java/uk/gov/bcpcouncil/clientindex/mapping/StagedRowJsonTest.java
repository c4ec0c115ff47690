package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The staged-row reader's token-by-token parse gives what Jackson's map deserialiser gives. */
class StagedRowJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    @Test
    void readsWhatTheDataBinderReads() {
        String alphabet = "aZ09 \"\\/'\u0001\n\t\u00e9\u2013\ud83d\ude00{}:,";
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = random.nextInt(6); c > 0; c--) {
                row.put(text(random, alphabet), random.nextInt(5) == 0 ? null : text(random, alphabet));
            }
            String text = JSON.writeValueAsString(row);
            assertThat(StagedPersonReaders.row(JSON, text)).isEqualTo(row).isEqualTo(JSON.readValue(text, MAP));
        }
    }

    @Test
    void postgresFormattingAndOtherValueTypes() {
        String pg = "{\"dob\": \"2012-03-04\", \"name\": \"O'Brien \\\"Jr\\\"\", \"gone\": null}";
        assertThat(StagedPersonReaders.row(JSON, pg)).isEqualTo(JSON.readValue(pg, MAP))
                .containsEntry("name", "O'Brien \"Jr\"").containsEntry("gone", null);
        String numbers = "{\"a\": 1, \"b\": true, \"c\": \"x\"}";
        assertThat(StagedPersonReaders.row(JSON, numbers)).isEqualTo(JSON.readValue(numbers, MAP));
        assertThat(StagedPersonReaders.row(JSON, "{}")).isEmpty();
    }

    @Test
    void flatRowsAreReadWithoutAParserAndAnythingElseIsLeftToJackson() {
        String pg = "{\"a\": \"x\\u00e9\\n\\\"\", \"b\": null, \"c\": \"\"}";
        assertThat(StagedPersonReaders.flat(pg)).isEqualTo(JSON.readValue(pg, MAP)).containsEntry("a", "x\u00e9\n\"");
        assertThat(StagedPersonReaders.flat(" { } ")).isEmpty();
        for (String other : new String[] {"{\"a\": 1}", "{\"a\": {}}", "{\"a\": \"x\"", "[]", "{\"a\": \"\\x\"}",
                "{\"a\": \"\\u00g1\"}", "{\"a\": \"\\u\uff10\uff10\uff10\uff10\"}", "{\"a\": nullx}", "{\"a\": \"x\"} x",
                "{\"a\": \"\u0001\"}"}) {
            assertThat(StagedPersonReaders.flat(other)).as(other).isNull();
        }
    }

    private static String text(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
