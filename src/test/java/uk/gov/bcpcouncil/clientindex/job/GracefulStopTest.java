package uk.gov.bcpcouncil.clientindex.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class GracefulStopTest {

    @AfterEach
    void reset() {
        GracefulStop.INSTANCE.reset();
    }

    @Test
    void aStopRequestMarksTheStepStoppedSoARestartDoesNotSkipIt() throws Exception {
        StepExecution step = new StepExecution(1L, "mapRecords",
                new JobExecution(1L, new JobInstance(1L, "clientIndexMigration"), new JobParameters()));
        step.setStatus(BatchStatus.STARTED);

        GracefulStop.INSTANCE.checkInterrupted(step); // no request: nothing happens
        assertThat(step.getStatus()).isEqualTo(BatchStatus.STARTED);

        GracefulStop.INSTANCE.request();
        assertThatThrownBy(() -> GracefulStop.INSTANCE.checkInterrupted(step))
                .isInstanceOf(JobInterruptedException.class);
        assertThat(step.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(step.getExitStatus().getExitCode()).isEqualTo("STOPPED");
        // what AbstractStep does after a chunk step returns normally must not turn it into COMPLETED
        step.upgradeStatus(BatchStatus.COMPLETED);
        assertThat(step.getStatus()).isEqualTo(BatchStatus.STOPPED);
    }
}
