package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** Legacy codes without a mapping, by source and field. */
public final class UnmappedCodesSection implements ReportSection {

    @Override
    public String id() {
        return "unmapped-codes";
    }

    @Override
    public String title() {
        return "Unmapped codes by field";
    }

    @Override
    public String body(RunSummary s) {
        if (s.unmappedCodes().isEmpty()) {
            return "<p>Every legacy code was mapped.</p>";
        }
        return Html.note("These records were indexed, with the field marked UNMAPPED: add the code to its code table"
                + " in mappings/code-tables if it has a meaning.")
                + Html.table(List.of("Source", "Field", "Legacy code", "#Records"), s.unmappedCodes(),
                        u -> List.of(u.source(), u.slot(), u.code(), u.count()));
    }
}
