package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/**
 * The sign-off sheet: the criteria agreed in advance, pass or fail each, the known issues, and how to sign.
 * Signatures are not written here (the report never changes): they are recorded in the target database and
 * in signoff.json beside this file, against this file's SHA-256.
 */
public final class SignOffSheetSection implements ReportSection {

    @Override
    public String id() {
        return "sign-off";
    }

    @Override
    public String title() {
        return "Sign-off sheet";
    }

    @Override
    public String body(RunSummary s) {
        RunSummary.SignOffSheet sheet = s.signOff();
        StringBuilder h = new StringBuilder();
        h.append("<p>Overall: ").append(Html.badge(sheet.allPassed())).append(sheet.allPassed()
                ? " Every agreed criterion is met." : " At least one agreed criterion is not met.").append("</p>");
        h.append(Html.table(List.of("Criterion", "Agreed limit", "This run", "Result"), sheet.criteria(),
                c -> List.of(c.description(), c.limit(), c.value(), new Html.Raw(Html.badge(c.passed())))));
        h.append("<h3>Known issues</h3>");
        if (sheet.knownIssues().isEmpty()) {
            h.append("<p>None recorded.</p>");
        } else {
            h.append("<ul>");
            sheet.knownIssues().forEach(i -> h.append("<li>").append(Html.e(i)).append("</li>"));
            h.append("</ul>");
        }
        h.append("<h3>How to sign</h3><p>Each data owner signs this exact file: <code>./run.sh signoff --run ")
                .append(Html.e(s.runId())).append(" --source &lt;BOURNEMOUTH|POOLE|CHRISTCHURCH&gt; --by \"&lt;your name&gt;\"")
                .append("</code> shows its SHA-256 and records the approval in signoff.json beside it. The run can be")
                .append(" promoted to the live index only when all of ");
        h.append(Html.e(String.join(", ", s.sources().stream().map(t -> t.source()).toList())))
                .append(" have signed.</p>");
        return h.toString();
    }
}
