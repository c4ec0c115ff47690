package uk.gov.bcpcouncil.clientindex.review;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.reconcile.report.Html;

/**
 * The HTML of the restricted review pages: the queue, and one pair side by side with the matcher's
 * per-field explanation and the decision form. Full values are shown here (the reviewer needs them), so
 * these pages are only served on 127.0.0.1 behind a random token and never written to a file.
 * Self-contained (no scripts, fonts or images). Stateless, thread-safe.
 */
final class ReviewPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:70rem}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:left;vertical-align:top}
            th{background:#e8f0f3}.differ{background:#fff4d6}.open{font-weight:600}
            .w{display:inline-block;height:.8rem}.pos{background:#2e7d32}.neg{background:#c62828}
            button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}textarea{width:100%;max-width:40rem}
            .restricted{background:#c62828;color:#fff;padding:.3rem .6rem;display:inline-block}
            """;

    private ReviewPage() {
    }

    static String queue(String base, String runId, String reviewer, List<ReviewQueue.Pair> pairs) {
        long open = pairs.stream().filter(ReviewQueue.Pair::open).count();
        StringBuilder h = head("Clerical review " + runId);
        h.append("<h1>Clerical review: run ").append(Html.e(runId)).append("</h1>");
        h.append("<p>Reviewer: <strong>").append(Html.e(reviewer)).append("</strong>. ").append(open)
                .append(" of ").append(pairs.size()).append(" pair(s) waiting for a decision. Decisions are saved at")
                .append(" once and applied on every later run; a pair is asked again only if one of its records changes.</p>");
        h.append("<table><thead><tr><th>#</th><th>Record</th><th>Record</th><th>Why in review</th><th>Score</th>")
                .append("<th>Decision</th></tr></thead><tbody>");
        for (int i = 0; i < pairs.size(); i++) {
            ReviewQueue.Pair p = pairs.get(i);
            h.append("<tr class=\"").append(p.open() ? "open" : "").append("\"><td><a href=\"").append(base)
                    .append("pair?i=").append(i).append("\">").append(i + 1).append("</a></td><td>")
                    .append(Html.e(p.leftKey())).append("</td><td>").append(Html.e(p.rightKey())).append("</td><td>")
                    .append(Html.e(reason(p.reason()))).append("</td><td>").append(String.format("%.2f", p.score()))
                    .append("</td><td>").append(p.decision() == null ? "waiting" : Html.e(p.decision() + " by "
                            + p.decidedBy()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
        h.append("<form method=\"post\" action=\"").append(base).append("finish\"><button>Finish the review")
                .append(" (stops this page)</button></form>");
        return h.append("</body></html>").toString();
    }

    static String pair(String base, int index, int total, ReviewQueue.Pair p) {
        StringBuilder h = head("Pair " + (index + 1));
        h.append("<p><a href=\"").append(base).append("\">Back to the queue</a> &middot; pair ").append(index + 1)
                .append(" of ").append(total).append("</p>");
        h.append("<h1>Are these the same child?</h1><p>").append(Html.e(reason(p.reason()))).append(". Score ")
                .append(String.format("%.2f", p.score()));
        if (p.probability() != null) {
            h.append(", probability the matcher gives: ").append(String.format("%.3f", p.probability()));
        }
        h.append("</p>");
        ReviewQueue.Side l = p.left();
        ReviewQueue.Side r = p.right();
        h.append("<table><thead><tr><th>Field</th><th>").append(Html.e(l.key())).append("</th><th>")
                .append(Html.e(r.key())).append("</th></tr></thead><tbody>");
        row(h, "Given name", l.givenName(), r.givenName());
        row(h, "Family name", l.familyName(), r.familyName());
        row(h, "Other names", l.otherNames(), r.otherNames());
        row(h, "Date of birth", l.birthDate(), r.birthDate());
        row(h, "Sex", l.sex(), r.sex());
        row(h, "NHS number", l.nhsNumber() == null ? null : l.nhsNumber() + " (" + l.nhsStatus() + ")",
                r.nhsNumber() == null ? null : r.nhsNumber() + " (" + r.nhsStatus() + ")");
        row(h, "UPN", l.upn() == null ? null : l.upn() + " (" + l.upnStatus() + ")",
                r.upn() == null ? null : r.upn() + " (" + r.upnStatus() + ")");
        row(h, "Postcode", l.postcode(), r.postcode());
        row(h, "Client in this run", p.leftClient(), p.rightClient());
        h.append("</tbody></table>");
        h.append(explanation(p));
        if (p.decision() != null) {
            h.append("<p>Current decision: <strong>").append(Html.e(p.decision())).append("</strong> by ")
                    .append(Html.e(p.decidedBy())).append(" at ").append(Html.e(p.decidedAt()))
                    .append(p.note() == null ? "" : ", note: " + Html.e(p.note())).append("</p>");
        }
        h.append("<form method=\"post\" action=\"").append(base).append("decide\">")
                .append("<input type=\"hidden\" name=\"i\" value=\"").append(index).append("\">")
                .append("<input type=\"hidden\" name=\"left\" value=\"").append(Html.e(p.leftKey())).append("\">")
                .append("<input type=\"hidden\" name=\"right\" value=\"").append(Html.e(p.rightKey())).append("\">")
                .append("<p><label>Note (optional, why):<br><textarea name=\"note\" rows=\"2\">")
                .append(Html.e(p.note())).append("</textarea></label></p>")
                .append("<button name=\"decision\" value=\"SAME\">Same child</button>")
                .append("<button name=\"decision\" value=\"DIFFERENT\">Different children</button>")
                .append("<button name=\"decision\" value=\"NOT_SURE\">Not sure</button></form>");
        return h.append("</body></html>").toString();
    }

    private static String explanation(ReviewQueue.Pair p) {
        if (p.terms() == null) {
            return "<p>This pair was decided by a rule, without a per-field score.</p>";
        }
        StringBuilder h = new StringBuilder("<h2>How the matcher scored it</h2><p>Each field adds evidence for (green)"
                + " or against (red) the same child, in match weight (log2 of the odds).</p><table><thead><tr>"
                + "<th>Field</th><th>Level</th><th>Weight</th><th></th></tr></thead><tbody>");
        h.append("<tr><td>Prior (before looking at the fields)</td><td></td><td>")
                .append(String.format("%.2f", p.priorWeight())).append("</td><td>").append(bar(p.priorWeight()))
                .append("</td></tr>");
        for (JsonNode t : JSON.readTree(p.terms())) {
            double w = t.path("weight").asDouble();
            h.append("<tr><td>").append(Html.e(t.path("comparison").asString())).append("</td><td>")
                    .append(Html.e(t.path("level").asString())).append("</td><td>").append(String.format("%.2f", w))
                    .append("</td><td>").append(bar(w)).append("</td></tr>");
        }
        h.append("<tr><th>Total</th><th></th><th>").append(String.format("%.2f", p.totalWeight()))
                .append("</th><th></th></tr></tbody></table>");
        return h.toString();
    }

    private static String bar(double w) {
        int px = (int) Math.min(300, Math.round(Math.abs(w) * 12));
        return "<span class=\"w " + (w >= 0 ? "pos" : "neg") + "\" style=\"width:" + px + "px\"></span>";
    }

    private static void row(StringBuilder h, String field, Object left, Object right) {
        boolean differ = left != null && right != null && !String.valueOf(left).equalsIgnoreCase(String.valueOf(right));
        h.append("<tr class=\"").append(differ ? "differ" : "").append("\"><th>").append(Html.e(field)).append("</th><td>")
                .append(Html.e(left)).append("</td><td>").append(Html.e(right)).append("</td></tr>");
    }

    static String reason(String reason) {
        return switch (reason) {
            case "REVIEW_BAND", "FS_REVIEW" -> "The score is between the review and match thresholds";
            case "REVIEW_TWINS_OR_SPELLING" -> "The first names are spelling variants of each other and the two records"
                    + " share an address or one of them lives with a likely twin: they may be twins, so a person decides";
            case "REVIEW_UNCORROBORATED_ONE_SOURCE" -> "Only the names and date of birth agree, and both records are in one"
                    + " system: a system that records a child twice nearly always does so at one address";
            case "REVIEW_UNCORROBORATED_SIDE_BY_SIDE" -> "Only the names and date of birth agree, and the two systems"
                    + " describe the child at different addresses over periods that overlap by more than two years";
            case "REVIEW_UNCORROBORATED_ETHNICITY" -> "Only the names and date of birth agree, and the two systems record"
                    + " different ethnicities";
            case "REVIEW_NAMES_WITHOUT_DATE_OF_BIRTH" -> "A date of birth is missing, and the records have neither an"
                    + " identifier nor an address and its postcode in common: the names alone could be a sibling's";
            case "REVIEW_UNBORN_AMBIGUOUS" -> "An unborn record fits more than one born child (possibly twins)";
            case "CLUSTER_SPLIT" -> "An accepted pair whose merge was refused because it would chain two different children";
            default -> reason;
        };
    }

    static String message(String title, String text) {
        return head(title).append("<h1>").append(Html.e(title)).append("</h1><p>").append(Html.e(text))
                .append("</p></body></html>").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.e(title)).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<p class=\"restricted\">RESTRICTED: full personal data. Do not print, copy or screenshot.</p>");
    }
}
