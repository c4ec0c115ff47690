package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.ArrayList;
import java.util.List;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** NHS number, UPN and postcode quality per source: absent, valid, repdigit, temporary, invalid. */
public final class IdentifierQualitySection implements ReportSection {

    @Override
    public String id() {
        return "identifier-quality";
    }

    @Override
    public String title() {
        return "Identifier quality per source";
    }

    @Override
    public String body(RunSummary s) {
        List<Object[]> rows = new ArrayList<>();
        s.identifierQuality().forEach((k, byStatus) -> {
            long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
            byStatus.forEach((status, n) -> rows.add(new Object[] { k, status, n,
                    all == 0 ? "" : String.format("%.1f%%", 100.0 * n / all) }));
        });
        return Html.note("ABSENT = not recorded; VALID = passes every check; REPDIGIT = one digit repeated (never"
                + " issued); VALID_TEMPORARY = a temporary UPN; INVALID_* = fails its check. Only VALID identifiers"
                + " are used as evidence for a merge.")
                + Html.table(List.of("Source and identifier", "Status", "#Records", "Share"), rows, java.util.Arrays::asList);
    }
}
