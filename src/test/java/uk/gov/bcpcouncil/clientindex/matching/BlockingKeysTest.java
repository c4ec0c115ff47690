package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The matcher blocks on keys' hashes built without strings ({@link BlockingKeys.Hashes}); reports and
 * {@code BlockingLab} see the same keys as strings. Every rule must give the same keys both ways.
 */
class BlockingKeysTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));

    private static final String[] FIRST = {"SOPHIE", "SOPHIA", "WILLIAM", "BILL", "LIAM", "OLIVER", "ZAHRA", "JO", "A",
            "SMITH", "O'NEIL", "ÉLODIE", "MARY-JANE", "HENRY", "HARRISON"};
    private static final String[] FAMILY = {"SMITH", "SMYTH", "JONES", "KOZLOWSKI", "O'NEIL", "OSMAN", "HUNT", "SOPHIE",
            "NG", "DE LA CRUZ"};
    private static final String[] SEX = {"M", "F", "U", "9", null, ""};
    private static final String[] POSTCODE = {"BH1 1AA", "BH23 4XY", "BH15 2QQ"};
    private static final String[] ADDRESS = {"1 HIGH STREET", "FLAT 2 3 QUAY ROAD", "12 THE AVENUE"};

    @Test
    void hashesAreTheHashesOfTheStringKeysForEveryRule() {
        List<BlockingRule> rules = new ArrayList<>(BlockingRule.children(VARIANTS));
        rules.addAll(BlockingRule.childrenTraining());
        rules.addAll(BlockingRule.febrl());
        rules.add(BlockingRule.surnameSoundYear());
        Random random = new Random(20261203);
        int keys = 0;
        for (int n = 0; n < 5_000; n++) {
            MatchRecord r = random(random, n);
            for (BlockingRule rule : rules) {
                Set<String> strings = rule.keysOf(r);
                long[] expected = strings.stream().mapToLong(BlockingKeys::hash64).sorted().distinct().toArray();
                BlockingKeys.Hashes hashes = new BlockingKeys.Hashes();
                rule.maker().keys(r, hashes);
                assertThat(hashes.distinct()).as("%s on %s", rule.name(), r).containsExactly(expected);
                keys += strings.size();
            }
        }
        assertThat(keys).as("the records make keys for the rules to compare").isGreaterThan(100_000);
    }

    @Test
    void keysAreTheDocumentedStrings() {
        MatchRecord r = new MatchRecord("A:1", List.of("WILLIAM"), "SMITH", List.of("SMITH"), LocalDate.of(2015, 3, 7), "M",
                "9434765919", "A123456789012", "BH1 1AA", false, List.of("BH1 1AA"), List.of(), List.of(), null,
                Map.of(MatchRecord.MIDDLE_NAMES, "JAMES"));
        assertThat(BlockingRule.birthDateWithName(VARIANTS).keysOf(r)).contains("2015-03-07:FALM", "2015-03-07:SSM0");
        assertThat(BlockingRule.namesSoundDate(VARIANTS).keysOf(r)).contains("ALM|SM0:Y2015M3", "ALM|SM0:M3D7",
                "ALM|SM0:Y2015D7", "ALM|SM0:Y2015M7");
        assertThat(BlockingRule.namesSoundUndated(VARIANTS).keysOf(r)).contains("ALM|SM0:M:JMS");
        assertThat(BlockingRule.surnameSoundYearRefined().keysOf(r)).containsExactlyInAnyOrder("SM0:2015:M3", "SM0:2015:IW");
        assertThat(BlockingRule.postcodeInitial().keysOf(r)).containsExactly("BH1 1AA:W");
        assertThat(BlockingRule.nhsNumber().keysOf(r)).containsExactly("9434765919");
    }

    @Test
    void numbersAndDatesHashAsTheirDecimalText() {
        for (int v : new int[] {0, 7, 10, 99, 100, 2015, -3, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            BlockingKeys.Hashes h = new BlockingKeys.Hashes();
            h.start().add(v).end();
            assertThat(h.distinct()).containsExactly(BlockingKeys.hash64(Integer.toString(v)));
        }
        for (LocalDate d : new LocalDate[] {LocalDate.of(2015, 3, 7), LocalDate.of(999, 12, 31), LocalDate.of(12345, 1, 1),
                LocalDate.of(2000, 10, 10)}) {
            BlockingKeys.Hashes h = new BlockingKeys.Hashes();
            h.start().add(d).end();
            assertThat(h.distinct()).containsExactly(BlockingKeys.hash64(d.toString()));
        }
    }

    private static MatchRecord random(Random random, int n) {
        List<String> firsts = new ArrayList<>();
        for (int k = 1 + (random.nextInt(4) == 0 ? 1 : 0); k > 0; k--) {
            firsts.add(pick(random, FIRST));
        }
        List<String> families = new ArrayList<>();
        for (int k = 1 + (random.nextInt(3) == 0 ? 1 : 0); k > 0; k--) {
            families.add(pick(random, FAMILY));
        }
        LocalDate dob = random.nextInt(6) == 0 ? null : LocalDate.of(2005 + random.nextInt(20), 1 + random.nextInt(12),
                1 + random.nextInt(28));
        boolean unborn = dob == null && random.nextBoolean();
        LocalDate expected = unborn ? LocalDate.of(2027, 1 + random.nextInt(12), 1 + random.nextInt(28)) : null;
        List<String> postcodes = random.nextBoolean() ? List.of(pick(random, POSTCODE)) : List.of(pick(random, POSTCODE),
                pick(random, POSTCODE));
        List<String> addresses = random.nextBoolean() ? List.of() : List.of(pick(random, ADDRESS));
        List<String> former = random.nextInt(5) == 0 ? List.of("A12345678901" + random.nextInt(10)) : List.of();
        return new MatchRecord("S" + random.nextInt(3) + ":" + n, firsts, families.get(0), families, dob, pick(random, SEX),
                random.nextBoolean() ? "94347659" + (10 + random.nextInt(90)) : null,
                random.nextBoolean() ? "B12345678901" + random.nextInt(10) : null, postcodes.get(0), unborn, postcodes,
                addresses, former, expected, attributes(random));
    }

    private static Map<String, String> attributes(Random random) {
        Map<String, String> a = new java.util.HashMap<>();
        if (random.nextBoolean()) {
            a.put("soc_sec_id", "" + random.nextInt(1000));
        }
        if (random.nextBoolean()) {
            a.put(MatchRecord.MIDDLE_NAMES, random.nextBoolean() ? pick(random, FIRST) : pick(random, FIRST) + " " + pick(random, FIRST));
        }
        return a;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
