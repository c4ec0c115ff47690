package uk.gov.bcpcouncil.clientindex.matching;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * A developer's tool, not a test: for a dump written by {@code ./run.sh benchmark generated --dump DIR}
 * (synthetic data only), the candidate pairs of each blocking rule, the true pairs each covers, and the true
 * pairs only it covers. {@code java -cp ... BlockingLab DIR [mappingsDir]}.
 */
public final class BlockingLab {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = Files.readAllLines(dir.resolve("candidates.jsonl"), StandardCharsets.UTF_8);
        long p0 = System.nanoTime();
        List<MatchRecord> records = new ArrayList<>(lines.parallelStream()
                .map(l -> MatchRecords.of(json.readValue(l, CanonicalRecord.class))).toList());
        System.out.printf("parsed %d records in %.1f s%n", records.size(), (System.nanoTime() - p0) / 1e9);
        lines = null;
        records.sort(java.util.Comparator.comparing(MatchRecord::key));
        Map<String, String> truth = new HashMap<>();
        List<String> t = Files.readAllLines(dir.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
        for (String l : t.subList(1, t.size())) {
            String[] f = l.split(",");
            truth.put(f[0] + ":" + f[1], f[2]);
        }
        NameVariants variants = NameVariants.load(Path.of(args.length > 1 ? args[1] : "mappings").resolve(NameVariants.FILE));
        Map<String, List<Integer>> byEntity = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byEntity.computeIfAbsent(truth.get(records.get(i).key()), x -> new ArrayList<>()).add(i);
        }
        long[] truePairs = byEntity.values().stream().flatMapToLong(m -> {
            List<Long> p = new ArrayList<>();
            for (int a = 0; a < m.size(); a++) {
                for (int b = a + 1; b < m.size(); b++) {
                    p.add(((long) Math.min(m.get(a), m.get(b)) << 32) | Math.max(m.get(a), m.get(b)));
                }
            }
            return p.stream().mapToLong(Long::longValue);
        }).sorted().toArray();
        System.out.printf("%d records, %d true pairs%n", records.size(), truePairs.length);
        List<BlockingRule> rules = new ArrayList<>(BlockingRule.children(variants));
        // the rules before issue 8's scale work, for comparison
        rules.addAll(List.of(BlockingRule.birthDate().renamed("OLD_DOB"),
                BlockingRule.surnameSoundYearRefined().renamed("OLD_SURNAME_SOUND_YEAR"),
                BlockingRule.postcodeInitial().renamed("OLD_POSTCODE_INITIAL"), BlockingRule.namesSound().renamed("OLD_NAMES_SOUND")));
        String only = System.getProperty("rules", "");
        Map<String, long[]> pairsOf = new java.util.LinkedHashMap<>();
        for (BlockingRule rule : rules) {
            if (!only.isEmpty() && !Set.of(only.split(",")).contains(rule.name())) {
                continue;
            }
            long t0 = System.nanoTime();
            long[] p = pairs(records, rule);
            pairsOf.put(rule.name(), p);
            long covered = Arrays.stream(truePairs).filter(x -> Arrays.binarySearch(p, x) >= 0).count();
            System.out.printf("%-28s pairs %,12d  true covered %,8d  (%.4f)  %.1f s%n", rule.name(), p.length, covered,
                    (double) covered / truePairs.length, (System.nanoTime() - t0) / 1e9);
        }
        String sets = System.getProperty("sets", "");
        for (String set : sets.split(";")) {
            if (set.isBlank()) {
                continue;
            }
            List<String> names = List.of(set.split(","));
            long[] union = names.stream().flatMapToLong(n -> Arrays.stream(pairsOf.get(n))).sorted().distinct().toArray();
            long covered = Arrays.stream(truePairs).filter(x -> Arrays.binarySearch(union, x) >= 0).count();
            System.out.printf("SET %s: pairs %,d (%.1f per record), true covered %,d (%.4f)%n", set, union.length,
                    (double) union.length / records.size(), covered, (double) covered / truePairs.length);
            for (String n : names) {
                long[] others = names.stream().filter(x -> !x.equals(n)).flatMapToLong(x -> Arrays.stream(pairsOf.get(x)))
                        .sorted().distinct().toArray();
                long alone = Arrays.stream(truePairs).filter(x -> Arrays.binarySearch(pairsOf.get(n), x) >= 0
                        && Arrays.binarySearch(others, x) < 0).count();
                System.out.printf("   %-28s only it covers %,d true pairs%n", n, alone);
            }
            if (Boolean.getBoolean("showMissed")) {
                int shown = 0;
                for (long x : truePairs) {
                    if (Arrays.binarySearch(union, x) < 0 && shown++ < 40) {
                        System.out.println("   MISSED " + brief(records.get((int) (x >>> 32))) + "\n          "
                                + brief(records.get((int) x)));
                    }
                }
            }
        }
    }

    static String brief(MatchRecord r) {
        return r.key() + " " + r.firstNames() + " " + r.middleNames() + " " + r.familyNames() + " " + r.birthDate() + " " + r.sex()
                + " nhs=" + r.nhsNumber() + " upn=" + r.upn() + " pc=" + r.postcodes()
                + (r.unborn() ? " UNBORN exp=" + r.expectedDate() : "");
    }

    static long[] pairs(List<MatchRecord> records, BlockingRule rule) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : rule.keysOf(records.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        long[] all = new long[1 << 20];
        int size = 0;
        for (List<Integer> m : blocks.values()) {
            if (m.size() > 2000) {
                continue;
            }
            for (int a = 0; a < m.size(); a++) {
                for (int b = a + 1; b < m.size(); b++) {
                    if (rule.probe() != null && !rule.probe().test(records.get(m.get(a)))
                            && !rule.probe().test(records.get(m.get(b)))) {
                        continue;
                    }
                    if (size == all.length) {
                        all = Arrays.copyOf(all, size * 2);
                    }
                    all[size++] = ((long) Math.min(m.get(a), m.get(b)) << 32) | Math.max(m.get(a), m.get(b));
                }
            }
        }
        return Arrays.stream(all, 0, size).sorted().distinct().toArray();
    }
}
