package uk.gov.bcpcouncil.clientindex.load;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The index a run is compared with, and whose client IDs it inherits: the live index (the run last
 * promoted, {@code ci_live}), or, while none is live, the last completed run. Stateless.
 */
public final class IndexBasis {

    private IndexBasis() {
    }

    /** The basis run of {@code runId}, or null for the very first run. */
    public static String of(JdbcTemplate jdbc, String runId) {
        List<String> live = jdbc.queryForList("SELECT run_id FROM ci_live WHERE run_id <> ?", String.class, runId);
        if (!live.isEmpty()) {
            return live.get(0);
        }
        return lastCompleted(jdbc, runId);
    }

    /** The last completed run other than {@code runId}, or null. */
    public static String lastCompleted(JdbcTemplate jdbc, String runId) {
        List<String> last = jdbc.queryForList("SELECT run_id FROM ci_run WHERE status = 'COMPLETED' AND run_id <> ?"
                + " ORDER BY ended_at DESC, run_id DESC LIMIT 1", String.class, runId);
        return last.isEmpty() ? null : last.get(0);
    }

    /** Whether the live index is {@code runId}'s basis (else the basis is the last completed run). */
    public static boolean isLive(JdbcTemplate jdbc, String basis) {
        return basis != null && !jdbc.queryForList("SELECT run_id FROM ci_live WHERE run_id = ?", String.class, basis)
                .isEmpty();
    }
}
