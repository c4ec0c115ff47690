package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

/**
 * Small HTML building blocks for the report's sections: every value passes through {@link #e(Object)}, so
 * no legacy value can inject markup. Charts are inline SVG (no scripts, fonts or images). Pure, thread-safe.
 */
public final class Html {

    private Html() {
    }

    /** Escaped text of any value; null is empty. */
    public static String e(Object value) {
        return value == null ? "" : escapeHtml4(String.valueOf(value));
    }

    public static String n(long value) {
        return String.format("%,d", value);
    }

    public static String badge(boolean pass) {
        return pass ? "<span class=\"pass\">PASSED</span>" : "<span class=\"fail\">FAILED</span>";
    }

    /** A definition list of term and value pairs. */
    public static String terms(Map<String, String> rows) {
        StringBuilder h = new StringBuilder("<dl>");
        rows.forEach((k, v) -> h.append("<dt>").append(e(k)).append("</dt><dd>").append(e(v)).append("</dd>"));
        return h.append("</dl>\n").toString();
    }

    /** A table: headings (a heading starting with '#' is a right-aligned number column) and escaped cells. */
    public static <T> String table(List<String> headings, List<T> rows, Function<T, List<?>> cells) {
        StringBuilder h = new StringBuilder("<table><thead><tr>");
        headings.forEach(t -> h.append("<th>").append(e(t.startsWith("#") ? t.substring(1) : t)).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (T row : rows) {
            h.append("<tr>");
            for (Object cell : cells.apply(row)) {
                if (cell instanceof Raw raw) {
                    h.append("<td>").append(raw.html()).append("</td>");
                } else if (cell instanceof Number number) {
                    h.append("<td class=\"num\">").append(n(number.longValue())).append("</td>");
                } else {
                    h.append("<td>").append(e(cell)).append("</td>");
                }
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table>\n").toString();
    }

    /** Already-safe markup for a table cell (a badge). */
    public record Raw(String html) {
    }

    /** A horizontal bar chart as inline SVG, labelled, with the values printed beside the bars. */
    public static String bars(String title, List<Map.Entry<String, Long>> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
        int rowHeight = 22;
        int labelWidth = 260;
        int barWidth = 380;
        int height = rowHeight * bars.size() + 8;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(e(title)).append("\" width=\"")
                .append(labelWidth + barWidth + 90).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(e(title)).append("</title>");
        int y = 4;
        for (Map.Entry<String, Long> b : bars) {
            long w = Math.round((double) barWidth * b.getValue() / max);
            s.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(e(b.getKey())).append("</text>");
            s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(Math.max(1, w)).append("\" height=\"").append(rowHeight - 6).append("\" fill=\"#0b4f6c\"/>");
            s.append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(n(b.getValue())).append("</text>");
            y += rowHeight;
        }
        return s.append("</svg>\n").toString();
    }

    public static String note(String text) {
        return "<p class=\"note\">" + e(text) + "</p>\n";
    }
}
