package uk.gov.bcpcouncil.clientindex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** FlatJson writes what Jackson writes for a flat map of text, and Jackson reads every map back unchanged. */
class FlatJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    @Test
    void writesWhatJacksonWritesForAnyText() {
        String alphabet = "aZ09 \"\\/'\u0000\u0001\u001f\u007f\n\r\t\b\f\u00e9\u2013\ud83d\ude00{}:,";
        Random random = new Random(26);
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = random.nextInt(6); c > 0; c--) {
                row.put(text(random, alphabet), random.nextInt(5) == 0 ? null : text(random, alphabet));
            }
            String written = FlatJson.write(row);
            assertThat(written).isEqualTo(JSON.writeValueAsString(row));
            assertThat(JSON.readValue(written, MAP)).isEqualTo(row);
        }
    }

    @Test
    void emptyAndTypicalRows() {
        assertThat(FlatJson.write(Map.of())).isEqualTo("{}");
        Map<String, String> row = new LinkedHashMap<>();
        row.put("client_id", "17");
        row.put("surname", "O'Brien \"Junior\"");
        row.put("dob", null);
        assertThat(FlatJson.write(row)).isEqualTo("{\"client_id\":\"17\",\"surname\":\"O'Brien \\\"Junior\\\"\",\"dob\":null}");
    }

    private static String text(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
