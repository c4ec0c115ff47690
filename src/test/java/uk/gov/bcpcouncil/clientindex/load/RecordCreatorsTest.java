package uk.gov.bcpcouncil.clientindex.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class RecordCreatorsTest {

    public record Checked(String name, List<Integer> values, boolean flag) {
        public Checked {
            if ("bad".equals(name)) {
                throw new IllegalArgumentException("no bad names");
            }
        }
    }

    public record Outer(Checked inner, int count) {
    }

    private final JsonMapper plain = JsonMapper.builder().build();
    private final JsonMapper fast = IsoDates.reading(plain);

    @Test
    void recordsReadTheSameEitherWay() {
        for (String json : List.of("{\"inner\":{\"name\":\"a\",\"values\":[1,2],\"flag\":true},\"count\":3}",
                "{\"count\":0}", "{\"inner\":{\"values\":null,\"flag\":false},\"count\":-1,\"other\":null}")) {
            assertEquals(plain.readValue(json, Outer.class), fast.readValue(json, Outer.class));
        }
    }

    @Test
    void whatJacksonRefusesIsRefused() {
        for (String json : List.of("{\"inner\":{\"flag\":null},\"count\":1}", "{\"count\":\"x\"}")) {
            DatabindException expected = assertThrows(DatabindException.class, () -> plain.readValue(json, Outer.class));
            DatabindException actual = assertThrows(DatabindException.class, () -> fast.readValue(json, Outer.class));
            assertEquals(expected.getClass(), actual.getClass());
        }
    }

    @Test
    void aConstructorsExceptionIsWrappedAsJacksonWrapsIt() {
        String json = "{\"inner\":{\"name\":\"bad\",\"values\":[],\"flag\":false},\"count\":1}";
        DatabindException expected = assertThrows(DatabindException.class, () -> plain.readValue(json, Outer.class));
        DatabindException actual = assertThrows(DatabindException.class, () -> fast.readValue(json, Outer.class));
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage());
        assertEquals(expected.getCause().getClass(), actual.getCause().getClass());
    }
}
