package uk.gov.bcpcouncil.clientindex.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.matching.MatchDecision;
import uk.gov.bcpcouncil.clientindex.matching.Matcher;

/**
 * Applies the reviewers' earlier decisions to a run's matching, before clustering: a pair decided "same"
 * becomes an accepted pair (rule {@value #SAME_RULE}), a pair decided "different" a no-merge guard (rule
 * {@value #DIFFERENT_RULE}), whatever the matcher said, so neither goes to the review queue again. Only
 * decisions whose content hash still matches both records of this run apply (see {@link PairContent});
 * "not sure" changes nothing. Called by the match step; reads {@code ci_review_decision} and the run's
 * {@code ci_mapped_record}, writes nothing. Thread-safe; deterministic (the result is sorted as the
 * matcher's is).
 */
public final class ClericalDecisions {

    public static final String SAME_RULE = "CLERICAL_SAME";
    public static final String DIFFERENT_RULE = "CLERICAL_DIFFERENT";

    private final JdbcTemplate jdbc;

    public ClericalDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Matcher.Result apply(String runId, Matcher.Result result) {
        Map<String, ReviewDecision> decided = new HashMap<>();
        jdbc.query("SELECT d.left_key, d.right_key, d.decision FROM ci_review_decision d"
                + PairContent.join("l", "d.left_key", "?") + PairContent.join("r", "d.right_key", "?")
                + " WHERE l.outcome = 'CANDIDATE' AND r.outcome = 'CANDIDATE' AND d.decision <> 'NOT_SURE'"
                + " AND d.content_hash = " + PairContent.hash("l", "r"), rs -> {
                    decided.put(rs.getString(1) + "|" + rs.getString(2), ReviewDecision.valueOf(rs.getString(3)));
                }, runId, runId);
        if (decided.isEmpty()) {
            return result;
        }
        List<MatchDecision> decisions = new ArrayList<>();
        for (MatchDecision d : result.decisions()) {
            ReviewDecision r = decided.remove(d.left() + "|" + d.right());
            decisions.add(r == null ? d : clerical(d.left(), d.right(), r, d.score(), d));
        }
        decided.forEach((pair, r) -> {
            int bar = pair.indexOf('|');
            decisions.add(clerical(pair.substring(0, bar), pair.substring(bar + 1), r, 0, null));
        });
        decisions.sort(Comparator.comparing(MatchDecision::left).thenComparing(MatchDecision::right));
        return new Matcher.Result(decisions, result.candidatePairsByBlock(), result.candidatePairs(), result.model());
    }

    private static MatchDecision clerical(String left, String right, ReviewDecision r, double score, MatchDecision was) {
        return r == ReviewDecision.SAME
                ? new MatchDecision(left, right, MatchDecision.Verdict.MATCH, SAME_RULE, score,
                        was == null ? null : was.explanation())
                : new MatchDecision(left, right, MatchDecision.Verdict.NO_MATCH_GUARD, DIFFERENT_RULE, score,
                        was == null ? null : was.explanation());
    }
}
