package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FirstPassMatcherTest {

    private static final LocalDate DOB = LocalDate.of(2015, 3, 4);

    private static MatchRecord rec(String key, String first, String family, LocalDate dob, String sex, String nhs) {
        return new MatchRecord(key, List.of(first), family, List.of(family), dob, sex, nhs, null, null, false);
    }

    private static Map<String, String> cluster(MatchRecord... records) {
        Matcher.Result result = new FirstPassMatcher().match(List.of(records));
        return new ClusterBuilder(List.of(records)).apply(result.decisions()).clusters();
    }

    @Test
    void sameValidNhsNumberIsTheSameChildWhateverTheNames() {
        Map<String, String> c = cluster(rec("BOURNEMOUTH:1", "ALFIE", "SMITH", DOB, "M", "9434765919"),
                rec("POOLE:P1", "ALFRED", "JONES", LocalDate.of(2016, 1, 1), "M", "9434765919"));

        assertThat(c.get("BOURNEMOUTH:1")).isEqualTo(c.get("POOLE:P1"));
    }

    @Test
    void typingErrorsWithTheSameDateOfBirthMatch() {
        Map<String, String> c = cluster(rec("BOURNEMOUTH:1", "JESSICA", "OBRIEN", DOB, "F", null),
                rec("CHRISTCHURCH:7", "JESICA", "OBRIEN", DOB, "F", null));

        assertThat(c.get("BOURNEMOUTH:1")).isEqualTo(c.get("CHRISTCHURCH:7"));
    }

    @Test
    void differentValidNhsNumbersAreNeverMergedEvenWithIdenticalNameAndDate() {
        // an adopted child is re-registered with a new NHS number
        Matcher.Result r = new FirstPassMatcher().match(List.of(
                rec("POOLE:P1", "OLIVIA", "BROWN", DOB, "F", "9434765919"),
                rec("POOLE:P2", "OLIVIA", "BROWN", DOB, "F", "9999999999")));

        assertThat(r.decisions()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(MatchDecision.Verdict.NO_MATCH_GUARD);
            assertThat(d.rule()).isEqualTo("GUARD_DIFFERENT_NHS");
        });
    }

    @Test
    void twinsWithDifferentFirstNamesAreNotMerged() {
        Map<String, String> c = cluster(rec("POOLE:P1", "JACK", "TAYLOR", DOB, "M", null),
                rec("POOLE:P2", "HARRY", "TAYLOR", DOB, "M", null));

        assertThat(c.get("POOLE:P1")).isNotEqualTo(c.get("POOLE:P2"));
    }

    @Test
    void unbornAndPlaceholderRecordsAreNotMergedOnSimilarity() {
        MatchRecord baby = new MatchRecord("POOLE:P1", List.of(), "TAYLOR", List.of("TAYLOR"), DOB, "U", null, null,
                null, true);
        Map<String, String> c = cluster(baby, rec("POOLE:P2", "AMELIA", "TAYLOR", DOB, "F", null));

        assertThat(c.get("POOLE:P1")).isNotEqualTo(c.get("POOLE:P2"));
    }

    @Test
    void clustersDoNotChainTwoNhsNumbersTogetherThroughARecordWithout() {
        // A (nhs X) ~ B (no nhs) ~ C (nhs Y): B may join one of them, never both
        Map<String, String> c = cluster(rec("B:1", "ELLA", "KING", DOB, "F", "9434765919"),
                rec("B:2", "ELLA", "KING", DOB, "F", null),
                rec("B:3", "ELLA", "KING", DOB, "F", "9999999999"));

        assertThat(c.get("B:1")).isNotEqualTo(c.get("B:3"));
    }

    @Test
    void theResultDoesNotDependOnInputOrder() {
        List<MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(rec("POOLE:P" + i, i % 2 == 0 ? "NOAH" : "NOA", "WHITE" + (i % 5), DOB.plusDays(i % 3), "M",
                    null));
        }
        Map<String, String> first = new ClusterBuilder(records).apply(new FirstPassMatcher().match(records).decisions())
                .clusters();
        List<MatchRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Map<String, String> second = new ClusterBuilder(shuffled)
                .apply(new FirstPassMatcher().match(shuffled).decisions()).clusters();

        assertThat(second).isEqualTo(first);
    }
}
