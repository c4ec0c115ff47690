package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The levels cache: a run matched with the base run's cached levels decides exactly as a run that compares every
 * pair, compares only the pairs touching a changed or new record, and ignores a cache of another fingerprint.
 */
class MatchLevelsCacheTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final String[] FIRST = { "OLIVER", "AMELIA", "HARRY", "ISLA", "JACK", "AVA", "GEORGE", "MIA", "NOAH",
            "EMILY", "LEO", "GRACE" };
    private static final String[] FAMILY = { "SMITH", "JONES", "TAYLOR", "BROWN", "WILSON", "EVANS" };

    private static MatchRecord child(String key, int i, String firstName) {
        LocalDate dob = LocalDate.of(2012 + i % 4, 1 + i % 12, 1 + i % 28);
        String family = FAMILY[i % FAMILY.length];
        return new MatchRecord(key, List.of(firstName), family, List.of(family), dob, i % 2 == 0 ? "M" : "F", null, null,
                "BH1 " + (i % 5) + "AA", false);
    }

    /** Each of 60 children held by two systems, the second copy with a first name typed differently now and then. */
    private static List<MatchRecord> records() {
        List<MatchRecord> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String first = FIRST[i % FIRST.length];
            all.add(child("BOURNEMOUTH:" + (1000 + i), i, first));
            all.add(child("POOLE:" + (5000 + i), i, i % 3 == 0 ? first.substring(0, first.length() - 1) : first));
        }
        return all;
    }

    private static ProbabilisticMatcher matcher() {
        return ProbabilisticMatcher.forChildren(new MatchingProperties(null, null, null, null, 2000, 5, null, null, 1,
                null, null), VARIANTS);
    }

    @Test
    void reusesUnchangedPairsAndDecidesAsAFullComparison() {
        ProbabilisticMatcher matcher = matcher();
        MatchLevelsCache first = MatchLevelsCache.of(null, "f1");
        matcher.match(records(), first);
        assertThat(first.reused()).isZero();
        MatchLevelsCache.Snapshot stored = MatchLevelsCache.read(List.of(MatchLevelsCache.serialise(first.snapshot())));
        assertThat(stored.pairs()).isEqualTo(first.snapshot().pairs());
        assertThat(stored.levels()).isEqualTo(first.snapshot().levels());
        assertThat(stored.keys()).isEqualTo(first.snapshot().keys());
        assertThat(stored.hashes()).isEqualTo(first.snapshot().hashes());

        // one record changed (another date of birth), one new, one gone
        List<MatchRecord> changed = new ArrayList<>(records());
        MatchRecord old = changed.get(10);
        changed.set(10, new MatchRecord(old.key(), old.firstNames(), old.familyName(), old.familyNames(),
                old.birthDate().plusDays(1), old.sex(), null, null, old.postcode(), false));
        changed.add(child("CHRISTCHURCH:77", 10, FIRST[10 % FIRST.length]));
        changed.remove(40);

        AtomicLong touching = new AtomicLong();
        LevelsSource counting = (records, pairs, compute) -> {
            for (long p : pairs) {
                String a = records.get((int) (p >>> 32)).key();
                String b = records.get((int) p).key();
                if (List.of(old.key(), "CHRISTCHURCH:77").contains(a) || List.of(old.key(), "CHRISTCHURCH:77").contains(b)) {
                    touching.incrementAndGet();
                }
            }
            return LevelsSource.COMPUTE.levels(records, pairs, compute);
        };
        Matcher.Result full = matcher.match(changed, counting);
        MatchLevelsCache incremental = MatchLevelsCache.of(stored, "f1");
        Matcher.Result result = matcher.match(changed, incremental);

        assertThat(touching.get()).isPositive();
        assertThat(incremental.computed()).as("only the pairs touching the changed and the new record")
                .isEqualTo(touching.get());
        assertThat(incremental.reused()).isEqualTo(full.candidatePairs() - touching.get()).isPositive();
        assertThat(result.decisions().toString()).isEqualTo(full.decisions().toString());
        assertThat(result.model().parameters()).isEqualTo(full.model().parameters());
        assertThat(result.model().lambda()).isEqualTo(full.model().lambda());
        assertThat(incremental.snapshot().levels()).isEqualTo(MatchLevelsCache.read(List.of(MatchLevelsCache.serialise(
                incremental.snapshot()))).levels());
    }

    @Test
    void aCacheOfOtherMatchingCodeIsNotUsed() {
        MatchLevelsCache first = MatchLevelsCache.of(null, "f1");
        matcher().match(records(), first);
        MatchLevelsCache other = MatchLevelsCache.of(first.snapshot(), "f2");
        matcher().match(records(), other);
        assertThat(other.hasBase()).isFalse();
        assertThat(other.reused()).isZero();
        assertThat(other.computed()).isEqualTo(first.computed());
    }
}
