package uk.gov.bcpcouncil.clientindex.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refreshes the planner statistics of the staging table before the step that reads it: the extract
 * steps have just filled it, and stale statistics make PostgreSQL choose slow plans. Harmless to repeat.
 * Also used for {@code ci_mapped_record} before {@code resolveSourceMerges}: an incremental run copies most
 * of it in one statement, and the merge query then needs fresh statistics. And before {@code buildClientIndex}
 * and {@code reconcile}, for the tables the steps before them filled: without statistics PostgreSQL planned the
 * report's join of accepted pairs to the index as a nested loop (over a minute at 20,000 children).
 */
final class AnalyzeStagingListener implements StepExecutionListener {

    private final JdbcTemplate jdbc;
    private final String table;

    AnalyzeStagingListener(JdbcTemplate jdbc) {
        this(jdbc, "ci_stg_row");
    }

    /** For other run-scoped tables filled in bulk just before (constant names, comma-separated, never data). */
    AnalyzeStagingListener(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jdbc.execute("ANALYZE " + table);
    }
}
