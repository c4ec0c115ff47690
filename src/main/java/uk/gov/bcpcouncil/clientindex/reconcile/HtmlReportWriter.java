package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.report.ControlTotalsSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.EthnicitySection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.FunnelSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.Html;
import uk.gov.bcpcouncil.clientindex.reconcile.report.IdentifierQualitySection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.MatchOutcomesSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.PreviousRunSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.ReportSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.RunHeaderSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.SampleClustersSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.SignOffSheetSection;
import uk.gov.bcpcouncil.clientindex.reconcile.report.UnmappedCodesSection;

/**
 * Renders {@code report.html}: one self-contained page (no scripts, fonts or images from anywhere; charts
 * are inline SVG) that a data owner reads in a browser, made of {@link ReportSection}s in a fixed order with
 * a table of contents. It shows counts, codes, record IDs and masked values only. Stateless, thread-safe.
 */
public final class HtmlReportWriter {

    /** The sections in reading order; their ids are anchors and are checked by the browser test. */
    public static final List<ReportSection> SECTIONS = List.of(new RunHeaderSection(), new ControlTotalsSection(),
            new FunnelSection(), new IdentifierQualitySection(), new UnmappedCodesSection(), new EthnicitySection(),
            new MatchOutcomesSection(), new PreviousRunSection(), new SampleClustersSection(),
            new SignOffSheetSection());

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;margin:2rem;color:#1b1b1b;max-width:72rem;line-height:1.4}
            h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #0b4f6c;padding-bottom:.2rem}
            h3{font-size:1.05rem;margin-top:1.4rem}h4{font-size:.95rem;margin:.8rem 0 .2rem}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}
            th{background:#e8f0f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .pass{color:#fff;background:#2e7d32;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
            .fail{color:#fff;background:#c62828;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
            .alert{border-left:6px solid #c62828;background:#fdecea;padding:.5rem 1rem}
            .banner{font-size:1.15rem;padding:.8rem 1rem;border-radius:.4rem;background:#f3f6f8}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;word-break:break-all}
            .note{color:#444;font-size:.92rem;max-width:60rem}nav ol{columns:2}
            svg.chart{font:13px system-ui,Arial,sans-serif;display:block;margin:.5rem 0}
            @media print{nav{display:none}h2{page-break-before:auto}}
            """;

    /** The id of the section holding {@link ExplainedPairsSection} (rendered from the run's tables). */
    public static final String EXPLAINED_PAIRS_ID = "how-pairs-were-scored";

    public String render(RunSummary s) {
        return render(s, "");
    }

    /**
     * @param explainedPairs the escaped HTML of {@link ExplainedPairsSection} (starting with its own heading),
     *                       placed after the match outcomes; empty for none
     */
    public String render(RunSummary s, String explainedPairs) {
        return render(s, explainedPairs, "");
    }

    /**
     * @param explainedPairs the escaped HTML of {@link ExplainedPairsSection} (starting with its own heading),
     *                       placed after the match outcomes; empty for none
     * @param idEvents       the escaped HTML of {@link IdEventsSection} (starting with its own heading), placed
     *                       after the difference from the previous run; empty for none
     */
    public String render(RunSummary s, String explainedPairs, String idEvents) {
        StringBuilder h = new StringBuilder(65_536);
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Client index reconciliation ").append(Html.e(s.runId())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Children's client index: reconciliation report for run ").append(Html.e(s.runId())).append("</h1>\n");
        h.append("<p class=\"banner\" id=\"overall\">Overall: ").append(Html.badge(s.balanced()))
                .append(s.balanced() ? " Every legacy record is accounted for."
                        : " The control totals do not balance: do not sign off; see the control totals below.")
                .append("</p>\n");
        h.append("<nav><h2>Contents</h2><ol>");
        for (ReportSection sec : SECTIONS) {
            h.append("<li><a href=\"#").append(sec.id()).append("\">").append(Html.e(sec.title())).append("</a></li>");
            if (sec instanceof MatchOutcomesSection && !explainedPairs.isEmpty()) {
                h.append("<li><a href=\"#").append(EXPLAINED_PAIRS_ID).append("\">How pairs were scored</a></li>");
            }
            if (sec instanceof PreviousRunSection && !idEvents.isEmpty()) {
                h.append("<li><a href=\"#").append(IdEventsSection.ID).append("\">Client ID events</a></li>");
            }
        }
        h.append("</ol></nav>\n");
        for (ReportSection section : SECTIONS) {
            h.append("<section id=\"").append(section.id()).append("\"><h2>").append(Html.e(section.title()))
                    .append("</h2>\n").append(section.body(s)).append("</section>\n");
            if (section instanceof MatchOutcomesSection && !explainedPairs.isEmpty()) {
                h.append("<section id=\"").append(EXPLAINED_PAIRS_ID).append("\">").append(explainedPairs)
                        .append("</section>\n");
            }
            if (section instanceof PreviousRunSection && !idEvents.isEmpty()) {
                h.append("<section id=\"").append(IdEventsSection.ID).append("\">").append(idEvents)
                        .append("</section>\n");
            }
        }
        h.append(Html.note("Beside this report: lineage.csv (every legacy record and what became of it), exceptions.csv"
                + " (rejected, excluded and unmapped), review-queue.csv (pairs waiting for a decision), summary.json"
                + " (these figures for machines), signoff.json (the approvals of this exact file)."));
        h.append("</body></html>\n");
        return h.toString();
    }
}
