package uk.gov.bcpcouncil.clientindex.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Rebuilding a lost partition range from its neighbours' saved ranges. */
class PartitionContextRecoveryTest {

    static final String W = "extractLegacyPartition:extractPoolePersons-";

    /** Four partitions of keys 1 | 10 | 20 | 30; each saved context as the partitioner wrote it. */
    static Map<String, ExecutionContext> saved() {
        Map<String, ExecutionContext> saved = new HashMap<>();
        Object[] starts = { 1, 10, 20, 30 };
        for (int i = 0; i < starts.length; i++) {
            ExecutionContext c = new ExecutionContext();
            c.putString(KeyRangePartitioner.OWNER, "extractPoolePersons");
            if (i > 0) {
                c.put(KeyRangePartitioner.FROM, starts[i]);
            }
            if (i + 1 < starts.length) {
                c.put(KeyRangePartitioner.TO, starts[i + 1]);
            }
            saved.put(W + i, c);
        }
        return saved;
    }

    static ExecutionContext rebuild(Map<String, ExecutionContext> saved, int i) {
        return PartitionContextRecovery.rebuild(W + i, name -> Optional.ofNullable(saved.get(name)));
    }

    @Test
    void eachPartitionsRangeIsRebuiltExactlyAsThePartitionerWroteIt() {
        for (int i = 0; i < 4; i++) {
            Map<String, ExecutionContext> saved = saved();
            ExecutionContext original = saved.put(W + i, new ExecutionContext());

            assertThat(rebuild(saved, i)).as("partition %d", i).isEqualTo(original);
        }
    }

    @Test
    void aPartitionWhoseSuccessorWasNeverCreatedIsTheLast() {
        Map<String, ExecutionContext> saved = saved();
        saved.remove(W + 3);
        saved.put(W + 2, new ExecutionContext()); // killed right after creating partition 2

        ExecutionContext rebuilt = rebuild(saved, 2);

        assertThat(rebuilt.get(KeyRangePartitioner.FROM)).isEqualTo(20);
        assertThat(rebuilt.containsKey(KeyRangePartitioner.TO)).isFalse();
    }

    @Test
    void aNeighbourWithALostRangeTooFailsNamingThePartitionAndWhatToDo() {
        Map<String, ExecutionContext> saved = saved();
        saved.put(W + 1, new ExecutionContext());
        saved.put(W + 2, new ExecutionContext());

        assertThatThrownBy(() -> rebuild(saved, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key range of partition " + W + "1 cannot be recovered")
                .hasMessageContaining("partition " + W + "2").hasMessageContaining("--label");
        assertThatThrownBy(() -> rebuild(saved, 2)).hasMessageContaining("partition " + W + "1,");
    }

    @Test
    void aMissingPredecessorFails() {
        Map<String, ExecutionContext> saved = saved();
        saved.remove(W + 0);
        saved.put(W + 1, new ExecutionContext());

        assertThatThrownBy(() -> rebuild(saved, 1)).hasMessageContaining("cannot be recovered");
    }

    @Test
    void aNameThatIsNotAKeyRangePartitionFails() {
        assertThatThrownBy(() -> PartitionContextRecovery.rebuild("mapRecords", name -> Optional.empty()))
                .hasMessageContaining("cannot be rebuilt");
    }
}
