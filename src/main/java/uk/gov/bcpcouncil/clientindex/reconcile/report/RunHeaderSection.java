package uk.gov.bcpcouncil.clientindex.reconcile.report;

import java.util.LinkedHashMap;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.reconcile.RunSummary;

/** The run: ID, mode, times, restarts, mapping and code-table versions, matcher thresholds, extract files. */
public final class RunHeaderSection implements ReportSection {

    @Override
    public String id() {
        return "run";
    }

    @Override
    public String title() {
        return "The run";
    }

    @Override
    public String body(RunSummary s) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Run ID", s.runId());
        rows.put("Mode", "TRIAL_LOAD".equals(s.mode()) ? "Trial load (not the live index until promoted)" : "Final");
        rows.put("Run date / label", s.runDate() + " / " + s.label());
        rows.put("Started", s.startedAt());
        rows.put("Ended (report written)", s.reportedAt());
        rows.put("Restarts", s.restarts() == 0 ? "none" : String.valueOf(s.restarts()));
        rows.put("Mapping checksum (SHA-256)", s.mappingChecksum());
        s.codeTableVersions().forEach((k, v) -> rows.put("Code table " + k, "version "
                + (v != null && v.contains(" (") ? v.substring(0, v.indexOf(" (")) : v)));
        s.matcherSettings().forEach((k, v) -> rows.put("Matcher " + k, v));
        rows.put("Bournemouth extract", "database tables client, client_address, client_involvement (read directly)");
        rows.put("Poole extract", "database tables poole.person, person_alias, person_address, episode (read directly)");
        s.christchurchDelivery().forEach((k, v) -> rows.put("Christchurch " + k, v));
        Map<String, String> files = new LinkedHashMap<>();
        s.mappingFiles().forEach((k, v) -> files.put(k, v));
        return Html.terms(rows) + "<details><summary>SHA-256 of each mapping file (for IT)</summary>"
                + Html.terms(files) + "</details>\n";
    }
}
