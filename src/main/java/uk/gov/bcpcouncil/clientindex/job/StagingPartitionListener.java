package uk.gov.bcpcouncil.clientindex.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.extract.StagingPartitions;

/**
 * Before each attempt of a run (start or restart), makes the run's staging partition, or, when an earlier attempt
 * made it, gives it the unique row key the extract writers need to replace rows they write again
 * ({@link StagingPartitions#prepare}). Runs in the manager process only, before any step, so remote workers find
 * the partition ready. Idempotent; thread-safe (no mutable state).
 */
final class StagingPartitionListener implements JobExecutionListener {

    private final JdbcTemplate jdbc;

    StagingPartitionListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        StagingPartitions.prepare(jdbc, execution.getJobParameters().getString(RunParameters.RUN_ID));
    }
}
