package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.signoff.SignOffGate;

/**
 * Every check before a run's index may become live, in one place: the reasons to refuse (empty: it may be
 * promoted): the sign-off gate ({@link SignOffGate}: the run COMPLETED, its control totals balance, every
 * source's data owner signed its report as it is now), control totals present, not live already, and its ID
 * events against the index live now (a run built before another was promoted is refused). Thread-safe.
 */
public class PromotionChecks {

    private final JdbcTemplate jdbc;
    private final SignOffGate signOffGate;

    public PromotionChecks(JdbcTemplate jdbc, SignOffGate signOffGate) {
        this.jdbc = jdbc;
        this.signOffGate = signOffGate;
    }

    /** Why {@code runId} may not be promoted; empty when it may. */
    public List<String> refusals(String runId) throws java.io.IOException {
        List<String> reasons = new ArrayList<>();
        List<String> status = jdbc.queryForList("SELECT status FROM ci_run WHERE run_id = ?", String.class, runId);
        if (status.isEmpty()) {
            reasons.add("there is no run " + runId);
            return reasons;
        }
        // completed, balanced, and every source's data owner signed its report (issue 6's gate)
        reasons.addAll(signOffGate.refusals(runId));
        Long sources = jdbc.queryForObject("SELECT COUNT(*) FROM ci_control_total WHERE run_id = ?", Long.class, runId);
        if (sources == null || sources == 0) {
            reasons.add("run " + runId + " has no control totals");
        }
        List<String> live = jdbc.queryForList("SELECT run_id FROM ci_live", String.class);
        if (!live.isEmpty() && live.get(0).equals(runId)) {
            reasons.add("run " + runId + " is already live");
        } else if (!live.isEmpty()) {
            List<String> bases = jdbc.queryForList("SELECT basis_run_id FROM ci_client_id_change WHERE run_id = ?"
                    + " AND basis_run_id IS NOT NULL AND basis_run_id <> ? UNION SELECT basis_run_id FROM ci_client_id_block"
                    + " WHERE issued_run = ? AND basis_run_id IS NOT NULL AND basis_run_id <> ?", String.class, runId,
                    live.get(0), runId, live.get(0));
            if (!bases.isEmpty()) {
                reasons.add("run " + runId + " was compared with run " + bases.get(0) + ", not with the live index "
                        + live.get(0) + ", so its ID events do not apply to it; start a new run");
            }
        }
        return reasons;
    }
}
