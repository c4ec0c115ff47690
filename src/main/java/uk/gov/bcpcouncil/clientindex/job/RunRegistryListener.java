package uk.gov.bcpcouncil.clientindex.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code ci_run} in step with the job: a row per run (upserted at each start or restart) with its
 * status and end time, used to find the latest completed run. Thread-safe (no mutable state).
 */
public final class RunRegistryListener implements JobExecutionListener {

    private final JdbcTemplate jdbc;

    public RunRegistryListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        var p = execution.getJobParameters();
        jdbc.update("INSERT INTO ci_run (run_id, run_date, label, mapping_checksum, job_instance_id, status)"
                + " VALUES (?, ?, ?, ?, ?, 'STARTED') ON CONFLICT (run_id) DO UPDATE SET status = 'STARTED',"
                + " mapping_checksum = EXCLUDED.mapping_checksum, ended_at = NULL",
                p.getString(RunParameters.RUN_ID), java.sql.Date.valueOf(p.getLocalDate(RunParameters.RUN_DATE)),
                p.getString(RunParameters.RUN_LABEL), p.getString(RunParameters.MAPPINGS_CHECKSUM),
                execution.getJobInstance().getInstanceId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        jdbc.update("UPDATE ci_run SET status = ?, ended_at = now() WHERE run_id = ?",
                execution.getStatus().name(), execution.getJobParameters().getString(RunParameters.RUN_ID));
    }
}
