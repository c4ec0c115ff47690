package uk.gov.bcpcouncil.clientindex.cli;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.job.GracefulStop;
import uk.gov.bcpcouncil.clientindex.review.ReviewQueue;
import uk.gov.bcpcouncil.clientindex.review.ReviewServer;

/**
 * {@code review [--run <id>] [--by <name>] [--port <n>]} (port also {@code clientindex.review.port}): serves the run's clerical review queue (default: the
 * latest completed run) on a local page and waits until the reviewer presses "Finish the review" or the
 * process is stopped (Ctrl-C). Decisions are saved as they are made. Prints the page's address, never a
 * child's data. One command at a time.
 */
@Component
public class ReviewCommand {

    private final DataSource target;
    private final int configuredPort;

    public ReviewCommand(DataSource target,
            @org.springframework.beans.factory.annotation.Value("${clientindex.review.port:0}") int configuredPort) {
        this.target = target;
        this.configuredPort = configuredPort;
    }

    /** @param port the port to listen on; negative: {@code clientindex.review.port} (default 0, any free port) */
    public int review(String run, String by, int port) throws Exception {
        port = port < 0 ? configuredPort : port;
        JdbcTemplate jdbc = new JdbcTemplate(target);
        String runId = run != null ? run : latestCompletedRun(jdbc);
        if (runId == null) {
            System.err.println("There is no completed run to review yet; run ./run.sh migrate (or ./run.sh demo) first (exit 2)");
            return ExitCodes.CONFIGURATION;
        }
        List<String> known = jdbc.queryForList("SELECT status FROM ci_run WHERE run_id = ?", String.class, runId);
        if (known.isEmpty()) {
            System.err.println("There is no run " + runId + " in this target database (exit 2)");
            return ExitCodes.CONFIGURATION;
        }
        String reviewer = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        ReviewQueue queue = new ReviewQueue(jdbc);
        List<ReviewQueue.Pair> pairs = queue.pairs(runId);
        long open = pairs.stream().filter(ReviewQueue.Pair::open).count();
        System.out.println("Clerical review of run " + runId + " by " + reviewer + ": " + open + " of " + pairs.size()
                + " pair(s) waiting for a decision.");
        try (ReviewServer server = ReviewServer.start(queue, runId, reviewer, port)) {
            System.out.println("Open this address in a browser on this computer (restricted: full personal data):");
            System.out.println("  " + server.url());
            System.out.println("Press \"Finish the review\" on the page, or Ctrl-C here, when done. Decisions are saved"
                    + " as you make them and applied by every later run.");
            while (!server.awaitFinish(500, TimeUnit.MILLISECONDS)) {
                if (GracefulStop.INSTANCE.requested()) {
                    break;
                }
            }
        }
        long left = queue.pairs(runId).stream().filter(ReviewQueue.Pair::open).count();
        System.out.println("Review closed: " + left + " pair(s) still waiting for a decision.");
        return ExitCodes.OK;
    }

    static String latestCompletedRun(JdbcTemplate jdbc) {
        List<String> runs = jdbc.queryForList("SELECT run_id FROM ci_run WHERE status = 'COMPLETED'"
                + " ORDER BY started_at DESC LIMIT 1", String.class);
        return runs.isEmpty() ? null : runs.get(0);
    }
}
