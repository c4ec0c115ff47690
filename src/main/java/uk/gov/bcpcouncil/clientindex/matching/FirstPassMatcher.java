package uk.gov.bcpcouncil.clientindex.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.codec.language.Soundex;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The first, deliberately cautious matcher. Blocking (candidate pairs unioned over the rules, never all
 * pairs): equal valid NHS number; equal date of birth; Soundex of a family name with the year of birth.
 * A pair is then:
 * <ul>
 * <li>{@code NHS_EXACT} match: both have the same valid NHS number;</li>
 * <li>refused by a guard: different valid NHS numbers ({@code GUARD_DIFFERENT_NHS}, e.g. adoption),
 * different valid permanent UPNs ({@code GUARD_DIFFERENT_UPN}), conflicting sex ({@code GUARD_SEX}),
 * an unborn or placeholder record ({@code GUARD_UNBORN});</li>
 * <li>{@code NAME_DOB} match: same date of birth, and Jaro-Winkler at least {@value #NAME_THRESHOLD} on both
 * a first name and a family name (any known names compared).</li>
 * </ul>
 * Blocks larger than {@value #MAX_BLOCK} records are not expanded (counted as oversized). Stateless;
 * one instance may serve several threads.
 */
public final class FirstPassMatcher implements Matcher {

    static final double NAME_THRESHOLD = 0.92;
    static final int MAX_BLOCK = 2000;

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final Soundex SOUNDEX = Soundex.US_ENGLISH;

    @Override
    public Result match(List<MatchRecord> input) {
        List<MatchRecord> records = new ArrayList<>(input);
        records.sort(Comparator.comparing(MatchRecord::key));
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            MatchRecord r = records.get(i);
            if (r.nhsNumber() != null) {
                blocks.computeIfAbsent("NHS:" + r.nhsNumber(), k -> new ArrayList<>()).add(i);
            }
            if (r.birthDate() != null && !r.unborn()) {
                blocks.computeIfAbsent("DOB:" + r.birthDate(), k -> new ArrayList<>()).add(i);
                for (String family : r.familyNames()) {
                    String code = soundex(family);
                    if (code != null) {
                        blocks.computeIfAbsent("SDX:" + code + ":" + r.birthDate().getYear(), k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        Map<String, Long> pairsByRule = new TreeMap<>();
        Map<Long, Boolean> seen = new HashMap<>();
        List<MatchDecision> decisions = new ArrayList<>();
        long n = records.size();
        for (Map.Entry<String, List<Integer>> block : new TreeMap<>(blocks).entrySet()) {
            List<Integer> members = block.getValue().stream().distinct().toList();
            String rule = block.getKey().substring(0, block.getKey().indexOf(':'));
            if (members.size() > MAX_BLOCK) {
                pairsByRule.merge(rule + "_OVERSIZED_BLOCKS", 1L, Long::sum);
                continue;
            }
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    int i = members.get(a);
                    int j = members.get(b);
                    pairsByRule.merge(rule, 1L, Long::sum);
                    if (seen.putIfAbsent(i * n + j, Boolean.TRUE) != null) {
                        continue;
                    }
                    MatchDecision d = compare(records.get(i), records.get(j));
                    if (d != null) {
                        decisions.add(d);
                    }
                }
            }
        }
        decisions.sort(Comparator.comparing(MatchDecision::left).thenComparing(MatchDecision::right));
        return new Result(decisions, pairsByRule, seen.size());
    }

    /** The decision on one pair, or null when the pair is simply not a match. {@code a.key < b.key}. */
    static MatchDecision compare(MatchRecord a, MatchRecord b) {
        if (a.nhsNumber() != null && b.nhsNumber() != null) {
            return a.nhsNumber().equals(b.nhsNumber())
                    ? new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.MATCH, "NHS_EXACT", 1.0)
                    : guard(a, b, "GUARD_DIFFERENT_NHS");
        }
        if (a.upn() != null && b.upn() != null && !a.upn().equals(b.upn())) {
            return guard(a, b, "GUARD_DIFFERENT_UPN");
        }
        if (a.birthDate() == null || !a.birthDate().equals(b.birthDate())) {
            return null;
        }
        if (a.unborn() || b.unborn()) {
            return guard(a, b, "GUARD_UNBORN");
        }
        if (a.sex() != null && b.sex() != null && !a.sex().equals("U") && !b.sex().equals("U")
                && !a.sex().equals(b.sex())) {
            return guard(a, b, "GUARD_SEX");
        }
        double first = best(a.firstNames(), b.firstNames());
        double family = best(a.familyNames(), b.familyNames());
        if (first >= NAME_THRESHOLD && family >= NAME_THRESHOLD) {
            return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.MATCH, "NAME_DOB", (first + family) / 2);
        }
        return null;
    }

    private static MatchDecision guard(MatchRecord a, MatchRecord b, String rule) {
        return new MatchDecision(a.key(), b.key(), MatchDecision.Verdict.NO_MATCH_GUARD, rule, 0.0);
    }

    private static double best(List<String> left, List<String> right) {
        double best = 0;
        for (String l : left) {
            for (String r : right) {
                best = Math.max(best, JW.apply(l, r));
            }
        }
        return best;
    }

    private static String soundex(String key) {
        try {
            String code = SOUNDEX.encode(key);
            return code == null || code.isEmpty() ? null : code;
        } catch (IllegalArgumentException e) {
            return null; // characters Soundex cannot map: the record is still blocked by date of birth
        }
    }
}
