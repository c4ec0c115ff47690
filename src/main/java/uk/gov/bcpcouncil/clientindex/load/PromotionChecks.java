package uk.gov.bcpcouncil.clientindex.load;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every check before a run's index may become live, in one place: the reasons to refuse (empty: it may be
 * promoted). A run must exist, have COMPLETED, its control totals must balance for every source, and its ID
 * events must be against the index live now (a run built before another was promoted is refused). The
 * sign-off gate (data owners' sign-off) plugs in here as one more check. Stateless and thread-safe.
 */
public class PromotionChecks {

    private final JdbcTemplate jdbc;

    public PromotionChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Why {@code runId} may not be promoted; empty when it may. */
    public List<String> refusals(String runId) {
        List<String> reasons = new ArrayList<>();
        List<String> status = jdbc.queryForList("SELECT status FROM ci_run WHERE run_id = ?", String.class, runId);
        if (status.isEmpty()) {
            reasons.add("there is no run " + runId);
            return reasons;
        }
        if (!"COMPLETED".equals(status.get(0))) {
            reasons.add("run " + runId + " is " + status.get(0) + ", not COMPLETED");
        }
        Long sources = jdbc.queryForObject("SELECT COUNT(*) FROM ci_control_total WHERE run_id = ?", Long.class, runId);
        Long unbalanced = jdbc.queryForObject("SELECT COUNT(*) FROM ci_control_total WHERE run_id = ? AND NOT balanced",
                Long.class, runId);
        if (sources == null || sources == 0) {
            reasons.add("run " + runId + " has no control totals");
        } else if (unbalanced != null && unbalanced > 0) {
            reasons.add("run " + runId + "'s control totals do not balance for " + unbalanced + " source(s)");
        }
        List<String> live = jdbc.queryForList("SELECT run_id FROM ci_live", String.class);
        if (!live.isEmpty() && live.get(0).equals(runId)) {
            reasons.add("run " + runId + " is already live");
        } else if (!live.isEmpty()) {
            List<String> bases = jdbc.queryForList("SELECT DISTINCT basis_run_id FROM ci_client_id_event WHERE run_id = ?"
                    + " AND basis_run_id IS NOT NULL AND basis_run_id <> ?", String.class, runId, live.get(0));
            if (!bases.isEmpty()) {
                reasons.add("run " + runId + " was compared with run " + bases.get(0) + ", not with the live index "
                        + live.get(0) + ", so its ID events do not apply to it; start a new run");
            }
        }
        return reasons;
    }
}
