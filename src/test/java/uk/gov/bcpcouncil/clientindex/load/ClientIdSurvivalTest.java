package uk.gov.bcpcouncil.clientindex.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientIdSurvivalTest {

    static final String OLD = ClientIds.format(1);
    static final String MID = ClientIds.format(2);
    static final String NEW = ClientIds.format(3);

    @Test
    void aMergeKeepsTheIdHoldingMostRecordsAndRetiresTheOtherIntoIt() {
        ClientIdSurvival s = new ClientIdSurvival();
        s.vote("A", OLD, 1);
        s.vote("A", MID, 2);
        assertThat(s.inherit()).isEqualTo(Map.of("A", MID));
        assertThat(s.events()).containsExactly(new ClientIdSurvival.Event(OLD, "MERGED", MID));
    }

    @Test
    void aTieGoesToTheOldestId() {
        ClientIdSurvival s = new ClientIdSurvival();
        s.vote("A", MID, 1);
        s.vote("A", OLD, 1);
        assertThat(s.inherit()).isEqualTo(Map.of("A", OLD));
        assertThat(s.events()).containsExactly(new ClientIdSurvival.Event(MID, "MERGED", OLD));
    }

    @Test
    void aSplitKeepsTheIdOnThePartWithMostRecordsWhateverTheClusterOrder() {
        ClientIdSurvival s = new ClientIdSurvival();
        s.vote("A", OLD, 1);
        s.vote("B", OLD, 2);
        assertThat(s.inherit()).isEqualTo(Map.of("B", OLD));
        s.created("A", NEW);
        assertThat(s.events()).containsExactly(new ClientIdSurvival.Event(OLD, "SPLIT", NEW),
                new ClientIdSurvival.Event(NEW, "CREATED", ""));
    }

    @Test
    void anIdWithoutRecordsIsRetiredWithoutSuccessorAndNothingChangesOtherwise() {
        ClientIdSurvival s = new ClientIdSurvival();
        s.basisId(OLD);
        s.basisId(MID);
        s.vote("A", MID, 3);
        assertThat(s.inherit()).isEqualTo(Map.of("A", MID));
        assertThat(s.events()).isEqualTo(List.of(new ClientIdSurvival.Event(OLD, "RETIRED", "")));
    }

    @Test
    void aClusterThatLostItsIdToABiggerPartTakesTheNextBestOne() {
        ClientIdSurvival s = new ClientIdSurvival();
        s.vote("A", OLD, 3); // A keeps OLD
        s.vote("B", OLD, 1);
        s.vote("B", MID, 1); // B: OLD is taken, so MID
        assertThat(s.inherit()).isEqualTo(Map.of("A", OLD, "B", MID));
        assertThat(s.events()).containsExactly(new ClientIdSurvival.Event(OLD, "SPLIT", MID));
    }
}
