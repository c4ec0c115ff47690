package uk.gov.bcpcouncil.clientindex.matching;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;

/**
 * A developer's tool, not a test: runs the probabilistic matcher on a dump written by
 * {@code ./run.sh benchmark generated --dump DIR} (synthetic data only) and prints the score, every wrong
 * merge and every missed pair with its explanation. {@code java -cp ... MatcherLab DIR [mappingsDir]}.
 */
public final class MatcherLab {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JsonMapper json = JsonMapper.builder().build();
        List<MatchRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("candidates.jsonl"), StandardCharsets.UTF_8)) {
            records.add(MatchRecords.of(json.readValue(line, CanonicalRecord.class)));
        }
        Map<String, String> truth = new HashMap<>();
        Map<String, String> kind = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            truth.put(f[0] + ":" + f[1], f[2]);
            kind.put(f[2], f[3]);
        }
        NameVariants variants = NameVariants.load(Path.of(args.length > 1 ? args[1] : "mappings").resolve(NameVariants.FILE));
        MatchingProperties settings = MatchingProperties.defaults();
        if (args.length > 2) { settings = settings.withWeights(Double.parseDouble(args[2]), Double.parseDouble(args[3])); }
        long t0 = System.nanoTime();
        ProbabilisticMatcher matcher = Boolean.getBoolean("oldRules")
                // the blocking rules before issue 8's scale work, for comparison
                ? new ProbabilisticMatcher(settings, Comparisons.children(variants), List.of(BlockingRule.nhsNumber(),
                        BlockingRule.upn(), BlockingRule.birthDate(), BlockingRule.surnameSoundYearRefined(),
                        BlockingRule.postcodeInitial(), BlockingRule.namesSound(), BlockingRule.postcodeSurname()),
                        variants, false, true)
                : new ProbabilisticMatcher(settings, Comparisons.children(variants), BlockingRule.children(variants).stream()
                        .filter(r -> !List.of(System.getProperty("dropRules", "").split(",")).contains(r.name())).toList(),
                        BlockingRule.childrenTraining(), variants, false, true);
        Matcher.Result result = matcher.match(records);
        ClusterBuilder cb = new ClusterBuilder(records).apply(result.decisions());
        Map<String, String> clusterOf = cb.clusters();
        List<String> model = new ArrayList<>(List.of("comparison,level,m,u", "_PRIOR,LAMBDA," + result.model().lambda() + ",0"));
        result.model().parameters().forEach(p -> model.add(p.comparison() + "," + p.level() + "," + p.m() + "," + p.u()));
        Files.write(dir.resolve("model.csv"), model, StandardCharsets.UTF_8);
        System.out.printf("matched %d records in %.1f s; candidate pairs %d%n", records.size(), (System.nanoTime() - t0) / 1e9,
                result.candidatePairs());
        Map<String, String> entity = new HashMap<>();
        clusterOf.keySet().forEach(k -> entity.put(k, truth.get(k)));
        LinkageScore score = LinkageScore.of(clusterOf, entity);
        System.out.println(score.text());
        Map<String, MatchRecord> byKey = new HashMap<>();
        records.forEach(r -> byKey.put(r.key(), r));
        Map<String, MatchDecision> decided = new HashMap<>();
        result.decisions().forEach(d -> decided.put(d.left() + "|" + d.right(), d));
        long review = result.decisions().stream().filter(d -> d.verdict() == MatchDecision.Verdict.REVIEW).count();
        System.out.println("review band " + review + ", refused by clustering " + cb.refused().size());
        Guards guards = new Guards(variants, records, settings.twinNameMinCount(), true);
        Map<String, List<String>> byCluster = new TreeMap<>();
        clusterOf.forEach((k, c) -> byCluster.computeIfAbsent(c, x -> new ArrayList<>()).add(k));
        Map<String, List<String>> byEntity = new TreeMap<>();
        clusterOf.keySet().forEach(k -> byEntity.computeIfAbsent(truth.get(k), x -> new ArrayList<>()).add(k));
        int wrong = 0;
        for (List<String> members : byCluster.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    String a = members.get(i);
                    String b = members.get(j);
                    if (!truth.get(a).equals(truth.get(b))) {
                        wrong++;
                        show("WRONG", a, b, byKey, truth, kind, decided, result.model(), matcher, guards);
                    }
                }
            }
        }
        int missed = 0;
        for (List<String> members : byEntity.values()) {
            members.sort(null);
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    String a = members.get(i);
                    String b = members.get(j);
                    if (!clusterOf.get(a).equals(clusterOf.get(b))) {
                        missed++;
                        show("MISSED", a, b, byKey, truth, kind, decided, result.model(), matcher, guards);
                    }
                }
            }
        }
        System.out.println("wrong pairs " + wrong + ", missed pairs " + missed);
    }

    private static void show(String what, String a, String b, Map<String, MatchRecord> byKey, Map<String, String> truth,
            Map<String, String> kind, Map<String, MatchDecision> decided, FellegiSunterModel model, ProbabilisticMatcher m,
            Guards guards) {
        MatchRecord x = byKey.get(a.compareTo(b) < 0 ? a : b);
        MatchRecord y = byKey.get(a.compareTo(b) < 0 ? b : a);
        MatchDecision d = decided.get(x.key() + "|" + y.key());
        if (d == null) {
            d = m.decide(model, x, y, m.levels(x, y), guards);
            d = new MatchDecision(d.left(), d.right(), d.verdict(), "(not decided) " + d.rule(), d.score(), d.explanation());
        }
        System.out.printf("%s %s %s kinds %s/%s %s %s %.2f%n   %s%n   %s%n   %s%n", what, x.key(), y.key(), kind.get(truth.get(x.key())),
                kind.get(truth.get(y.key())), d.verdict(), d.rule(), d.score(), brief(x), brief(y), d.explanation().text());
    }

    private static String brief(MatchRecord r) {
        return r.firstNames() + " " + r.familyNames() + " " + r.birthDate() + " " + r.sex() + " nhs=" + r.nhsNumber() + " upn="
                + r.upn() + " pc=" + r.postcodes() + " addr=" + r.addresses() + (r.unborn() ? " UNBORN exp=" + r.expectedDate() : "");
    }
}
