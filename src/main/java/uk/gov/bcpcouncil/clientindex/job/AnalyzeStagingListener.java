package uk.gov.bcpcouncil.clientindex.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refreshes the planner statistics of the staging table before the step that reads it: the extract
 * steps have just filled it, and stale statistics make PostgreSQL choose slow plans. Harmless to repeat.
 */
final class AnalyzeStagingListener implements StepExecutionListener {

    private final JdbcTemplate jdbc;

    AnalyzeStagingListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jdbc.execute("ANALYZE ci_stg_row");
    }
}
