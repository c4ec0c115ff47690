package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** What changed since the latest earlier completed run: records, clients and client IDs. */
public final class PreviousRunSection implements ReportSection {

    @Override
    public String id() {
        return "previous-run";
    }

    @Override
    public String title() {
        return "Difference from the previous run";
    }

    @Override
    public String body(RunSummary s) {
        RunSummary.PreviousRun p = s.previousRun();
        if (p == null || p.previousRunId() == null) {
            return "<p>This is the first completed run on this target database: nothing to compare with.</p>";
        }
        return "<p>Compared with run <strong>" + Html.e(p.previousRunId()) + "</strong>.</p>"
                + Html.table(List.of("", "#Previous run", "#This run"), List.of(
                        new Object[] { "Indexed legacy records", p.recordsBefore(), p.recordsNow() },
                        new Object[] { "Clients", p.clientsBefore(), p.clientsNow() }), java.util.Arrays::asList)
                + Html.table(List.of("Change", "#Count"), List.of(
                        new Object[] { "Records indexed now, not in the previous run", p.recordsAdded() },
                        new Object[] { "Records indexed in the previous run, not now", p.recordsRemoved() },
                        new Object[] { "Records whose client ID changed", p.recordsChangedClient() },
                        new Object[] { "Client IDs new in this run", p.newClientIds() },
                        new Object[] { "Client IDs of the previous run no longer used", p.retiredClientIds() }),
                        java.util.Arrays::asList);
    }
}
