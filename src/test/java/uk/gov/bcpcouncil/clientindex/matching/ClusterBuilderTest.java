package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link ClusterBuilder} (arrays) clusters exactly as the string-keyed builder it replaced
 * ({@link ReferenceClusterBuilder}): the same clusters, refused pairs and chain-blocked count on random records
 * and decisions, with conflicting NHS numbers and UPNs (former UPNs too), guards and far-below pairs.
 */
class ClusterBuilderTest {

    @Test
    void clustersAsTheStringKeyedBuilderDidOnRandomDecisions() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            int n = 2 + random.nextInt(40);
            List<MatchRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String nhs = random.nextInt(3) == 0 ? "NHS" + random.nextInt(4) : null;
                String upn = random.nextInt(3) == 0 ? "UPN" + random.nextInt(4) : null;
                List<String> former = random.nextInt(6) == 0 ? List.of("UPN" + random.nextInt(4)) : List.of();
                String source = random.nextBoolean() ? "A" : "B";
                records.add(new MatchRecord(source + ":" + String.format("%03d", i), List.of("X"), "Y", List.of("Y"), null,
                        null, nhs, upn, null, false, null, null, former, null, null));
            }
            List<MatchDecision> decisions = new ArrayList<>();
            int pairs = random.nextInt(3 * n);
            for (int k = 0; k < pairs; k++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a == b) {
                    continue;
                }
                String left = records.get(Math.min(a, b)).key();
                String right = records.get(Math.max(a, b)).key();
                int kind = random.nextInt(6);
                MatchDecision.Verdict verdict = kind < 4 ? MatchDecision.Verdict.MATCH
                        : kind == 4 ? MatchDecision.Verdict.NO_MATCH_GUARD : MatchDecision.Verdict.NO_MATCH;
                decisions.add(new MatchDecision(left, right, verdict, "R", random.nextInt(20) - 5, null));
            }
            boolean onePerSource = random.nextInt(4) == 0;
            List<MatchRecord> shuffled = new ArrayList<>(records);
            java.util.Collections.shuffle(shuffled, new java.util.Random(round));
            ClusterBuilder built = new ClusterBuilder(shuffled);
            // records in key order: the reference kept the last record's current UPN for a former UPN two records
            // name, in input order; the array builder numbers records in key order, whatever the input order
            List<MatchRecord> inKeyOrder = new ArrayList<>(records);
            inKeyOrder.sort(java.util.Comparator.comparing(MatchRecord::key));
            ReferenceClusterBuilder reference = new ReferenceClusterBuilder(inKeyOrder);
            if (onePerSource) {
                built.oneRecordPerSource();
                reference.oneRecordPerSource();
            }
            Map<String, String> clusters = built.apply(decisions).clusters();
            assertThat(clusters).as("round %d", round).isEqualTo(reference.apply(decisions).clusters());
            assertThat(built.refused()).as("round %d", round).isEqualTo(reference.refused());
            assertThat(built.chainBlocked()).as("round %d", round).isEqualTo(reference.chainBlocked());
        }
    }
}
