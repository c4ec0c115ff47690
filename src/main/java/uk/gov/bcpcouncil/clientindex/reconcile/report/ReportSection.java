package uk.gov.bcpcouncil.clientindex.reconcile.report;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/**
 * One section of {@code report.html}: an anchor id (stable: tests and readers link to it), a heading and
 * its body. Implementations are stateless and thread-safe, and escape every value (see {@link Html}).
 */
public interface ReportSection {

    String id();

    String title();

    String body(RunSummary summary);
}
