package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The stored match view's bytes: the format earlier runs stored (an incremental run decodes its base run's views),
 * written here with {@link DataOutputStream} as the first version of the codec did, and back to an equal record.
 */
class RecordCodecTest {

    private static final MatchRecord FULL = new MatchRecord("BOURNEMOUTH:17", List.of("AMELIA", "AMY"), "O'NEILL",
            List.of("O'NEILL", "ONEILL"), LocalDate.of(2014, 2, 28), "F", "9434765919", "A123456789012", "BH1 1AA",
            false, List.of("BH1 1AA", "BH2 2BB"), List.of("1 HIGH STREET BOURNEMOUTH"), List.of("Zoë’s"),
            null, Map.of(MatchRecord.PERIOD, "2015-01-01/2020-01-01", MatchRecord.ETHNICITY, "WBRI",
                    MatchRecord.MIDDLE_NAMES, "ROSE"));

    private static final MatchRecord SPARSE = new MatchRecord("POOLE:P1", List.of(), null, List.of(), null, null,
            null, null, null, true, null, null, null, LocalDate.of(2027, 1, 3), null);

    @Test
    void writesTheBytesEarlierRunsStoredAndReadsThemBack() throws IOException {
        for (MatchRecord r : List.of(FULL, SPARSE)) {
            byte[] bytes = RecordCodec.encode(r);
            assertThat(bytes).as(r.key()).isEqualTo(firstVersion(r));
            assertThat(RecordCodec.decode(bytes)).isEqualTo(r);
        }
        assertThat(RecordCodec.encode(null)).containsExactly(0);
        assertThat(RecordCodec.decode(RecordCodec.encode(null))).isNull();
    }

    /** The first version's encoding: a marker, then each component in declaration order, tagged. */
    private static byte[] firstVersion(MatchRecord r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        for (RecordComponent c : MatchRecord.class.getRecordComponents()) {
            try {
                value(c.getAccessor().invoke(r), out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return bytes.toByteArray();
    }

    private static void value(Object v, DataOutputStream out) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof String s) {
            out.writeByte(1);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof List<?> list) {
            out.writeByte(2);
            out.writeInt(list.size());
            for (Object e : list) {
                value(e, out);
            }
        } else if (v instanceof LocalDate d) {
            out.writeByte(3);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof Boolean b) {
            out.writeByte(4);
            out.writeBoolean(b);
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(5);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                value(e.getKey(), out);
                value(e.getValue(), out);
            }
        } else {
            throw new IllegalStateException(v.getClass().getName());
        }
    }
}
