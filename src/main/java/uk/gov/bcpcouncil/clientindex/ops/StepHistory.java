package uk.gov.bcpcouncil.clientindex.ops;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long a step took the last time it completed, from the Spring Batch job repository: the only
 * estimate there is for a step that reports no item counts while it runs; and how far the partitions of a
 * partitioned step have got, also from the job repository, where every partition (local thread or remote
 * worker) commits its counts with each chunk. Read-only; thread-safe.
 */
public final class StepHistory {

    private final JdbcTemplate jdbc;

    public StepHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Duration> lastCompleted(String stepName) {
        try {
            List<Timestamp[]> rows = jdbc.query("SELECT START_TIME, END_TIME FROM BATCH_STEP_EXECUTION"
                    + " WHERE STEP_NAME = ? AND STATUS = 'COMPLETED' AND END_TIME IS NOT NULL"
                    + " ORDER BY END_TIME DESC LIMIT 1",
                    (rs, n) -> new Timestamp[] { rs.getTimestamp(1), rs.getTimestamp(2) }, stepName);
            return rows.stream().findFirst().map(t -> Duration.between(t[0].toInstant(), t[1].toInstant()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Items read and committed so far by the partitions of a manager step in one job execution (partition
     * steps are named {@code <worker step>:<manager step>-<n>}); 0 when the repository cannot be read.
     */
    public long readByPartitions(long jobExecutionId, String managerStep) {
        try {
            Long n = jdbc.queryForObject("SELECT COALESCE(SUM(READ_COUNT), 0) FROM BATCH_STEP_EXECUTION"
                    + " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ?", Long.class, jobExecutionId,
                    "%:" + managerStep + "-%");
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
