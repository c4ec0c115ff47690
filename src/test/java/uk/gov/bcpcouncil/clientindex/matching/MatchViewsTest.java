package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The views kept for matchRecords are exactly the run's committed candidates, and are handed over only when they
 * are as many as the database's candidates of the run.
 */
class MatchViewsTest {

    private static MatchRecord view(String key, String first) {
        return new MatchRecord(key, List.of(first), "SMITH", List.of("SMITH"), null, "F", null, null, null, false);
    }

    private static Map<String, MatchRecord> candidates(MatchRecord... views) {
        Map<String, MatchRecord> m = new HashMap<>();
        for (MatchRecord v : views) {
            m.put(v.key(), v);
        }
        return m;
    }

    @Test
    void handsOverTheCommittedCandidatesInKeyOrderWhenTheyAreAllTheRuns() {
        MatchViews views = new MatchViews(true);
        views.committed("r", candidates(view("POOLE:2", "AMY"), view("BOURNEMOUTH:9", "ZOE")), Set.of());
        views.committed("r", candidates(view("BOURNEMOUTH:10", "ADA")), Set.of("POOLE:3"));

        assertThat(views.take("r", 3)).extracting(MatchRecord::key)
                .containsExactly("BOURNEMOUTH:10", "BOURNEMOUTH:9", "POOLE:2");
        assertThat(views.take("r", 3)).as("forgotten once taken").isNull();
    }

    @Test
    void aChunkWrittenAgainReplacesItsViewsAndDropsRecordsNoLongerCandidates() {
        MatchViews views = new MatchViews(true);
        views.committed("r", candidates(view("POOLE:1", "AMY"), view("POOLE:2", "BEN")), Set.of());
        views.committed("r", candidates(view("POOLE:1", "AMIE")), Set.of("POOLE:2"));

        List<MatchRecord> taken = views.take("r", 1);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).firstNames()).containsExactly("AMIE");
    }

    @Test
    void fewerOrMoreThanTheDatabaseHoldsOrAnotherRunsOrAMissingViewAreNotHandedOver() {
        MatchViews views = new MatchViews(true);
        views.committed("r", candidates(view("POOLE:1", "AMY")), Set.of());
        assertThat(views.take("r", 2)).as("the database holds one more: written elsewhere").isNull();

        views.committed("r", candidates(view("POOLE:1", "AMY")), Set.of());
        assertThat(views.take("s", 1)).isNull();

        views.committed("r", candidates(view("POOLE:1", "AMY")), Set.of());
        Map<String, MatchRecord> withoutView = new HashMap<>();
        withoutView.put("POOLE:2", null);
        views.committed("r", withoutView, Set.of());
        assertThat(views.take("r", 2)).as("a candidate committed without a view").isNull();
    }

    @Test
    void anotherRunsChunkClearsTheViewsKept() {
        MatchViews views = new MatchViews(true);
        views.committed("r", candidates(view("POOLE:1", "AMY")), Set.of());
        views.committed("s", candidates(view("POOLE:7", "EVE")), Set.of());

        assertThat(views.take("s", 1)).extracting(MatchRecord::key).containsExactly("POOLE:7");
    }

    @Test
    void keepsNothingWhenNotRetaining() {
        MatchViews views = new MatchViews(false);
        views.committed("r", candidates(view("POOLE:1", "AMY")), Set.of());

        assertThat(views.take("r", 1)).isNull();
    }
}
