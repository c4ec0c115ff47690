package uk.gov.bcpcouncil.clientindex.reconcile;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report section "How pairs were scored": for each band (auto-match, clerical review) one pair of the
 * run with its stored explanation ({@code ci_match_explanation}): the prior, each comparison's level and
 * match weight, and the total, i.e. the information of a waterfall chart. The pair shown is the one
 * closest to the band's lower edge (the lowest-scoring auto-match, the highest-scoring review pair), ties by
 * record keys, so the same run always shows the same pairs. Shows record keys (source and legacy ID), levels
 * and weights only, never names, dates or addresses. Stateless apart from the JdbcTemplate; thread-safe.
 */
public final class ExplainedPairsSection {

    /** One explained pair: the record keys, its band and rule, and the waterfall's steps. */
    public record ExplainedPair(String band, String left, String right, String rule, double prior, double total,
            double probability, List<Term> terms) {
    }

    public record Term(String comparison, String level, double weight, boolean tfAdjusted) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public ExplainedPairsSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The explained pairs of the run: at most one per band, fewer when a band is empty. */
    public List<ExplainedPair> pairs(String runId) {
        List<ExplainedPair> out = new ArrayList<>();
        one(runId, "Auto-match", "MATCH", "ASC").ifPresent(out::add);
        one(runId, "Clerical review", "REVIEW", "DESC").ifPresent(out::add);
        return out;
    }

    private java.util.Optional<ExplainedPair> one(String runId, String band, String decision, String order) {
        List<ExplainedPair> rows = jdbc.query("SELECT p.left_key, p.right_key, p.rule, e.prior_weight, e.total_weight,"
                + " e.probability, e.terms FROM ci_match_pair p JOIN ci_match_explanation e ON e.run_id = p.run_id"
                + " AND e.left_key = p.left_key AND e.right_key = p.right_key WHERE p.run_id = ? AND p.decision = ?"
                + " AND p.rule LIKE 'FS%' ORDER BY e.total_weight " + ("ASC".equals(order) ? "ASC" : "DESC")
                + ", p.left_key, p.right_key LIMIT 1", (rs, i) -> {
                    List<Term> terms = new ArrayList<>();
                    for (JsonNode t : JSON.readTree(rs.getString(7))) {
                        terms.add(new Term(t.get("comparison").asString(), t.get("level").asString(), t.get("weight").asDouble(),
                                t.get("tfAdjusted").asBoolean()));
                    }
                    return new ExplainedPair(band, rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), terms);
                }, runId, decision);
        return rows.stream().findFirst();
    }

    /** The HTML section (escaped), or a sentence saying no pair was scored. */
    public String html(String runId) {
        return render(pairs(runId));
    }

    public static String render(List<ExplainedPair> pairs) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<h2>How pairs were scored</h2>\n<p class=\"note\">One pair per band, the one nearest the band's lower")
                .append(" edge. Each comparison adds its match weight (log2 of how much likelier the level is for one child")
                .append(" than for two; \"tf\": adjusted for how common the name is) to the prior; the total decides the band.")
                .append(" Records are shown by source and legacy ID only.</p>\n");
        if (pairs.isEmpty()) {
            return h.append("<p>No pair was scored in this run (the first-pass engine does not score pairs).</p>\n").toString();
        }
        for (ExplainedPair p : pairs) {
            h.append("<h3>").append(e(p.band())).append(": ").append(e(p.left())).append(" and ").append(e(p.right()))
                    .append("</h3>\n<table><tr><th>Step</th><th>Level</th><th>Match weight</th><th>Running total</th></tr>");
            double running = p.prior();
            row(h, "Prior (any two records)", "", p.prior(), running);
            for (Term t : p.terms()) {
                running += t.weight();
                row(h, t.comparison(), t.level() + (t.tfAdjusted() ? " (tf)" : ""), t.weight(), running);
            }
            h.append("<tr><th>Total</th><th>").append(e(p.rule())).append("</th><th>")
                    .append(String.format(Locale.ROOT, "%+.2f", p.total())).append("</th><th>")
                    .append(String.format(Locale.ROOT, "p = %.4f", p.probability())).append("</th></tr></table>\n");
        }
        return h.toString();
    }

    private static void row(StringBuilder h, String step, String level, double weight, double running) {
        h.append("<tr><td>").append(e(step)).append("</td><td>").append(e(level)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%+.2f", weight)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.2f", running)).append("</td></tr>");
    }

    /** The pair as text (the closing notes quote it). */
    public static String text(ExplainedPair p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %s / %s (%s): prior %+.2f", p.band(), p.left(),
                p.right(), p.rule(), p.prior()));
        for (Term t : p.terms()) {
            sb.append(String.format(Locale.ROOT, "; %s %s %+.2f%s", t.comparison(), t.level(), t.weight(), t.tfAdjusted() ? " (tf)" : ""));
        }
        return sb.append(String.format(Locale.ROOT, " = %.2f (p=%.4f)", p.total(), p.probability())).toString();
    }

    private static String e(String s) {
        return s == null ? "" : escapeHtml4(s);
    }
}
