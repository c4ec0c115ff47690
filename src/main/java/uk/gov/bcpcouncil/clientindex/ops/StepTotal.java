package uk.gov.bcpcouncil.clientindex.ops;

import java.util.OptionalLong;

import javax.sql.DataSource;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.job.RunParameters;

/**
 * How many items a step will have read when it is done (on a restart: all of them, also those read by
 * the failed attempt), for the ETA; empty when not known. Asked once, at the step's start; must be cheap.
 */
@FunctionalInterface
public interface StepTotal {

    OptionalLong of(StepExecution step);

    /** Not known (tasklets): progress shows the elapsed time and the previous run's duration. */
    StepTotal UNKNOWN = step -> OptionalLong.empty();

    /** {@code SELECT COUNT(*) FROM <table>} on a legacy database. */
    static StepTotal rowsOf(DataSource source, String table) {
        return step -> OptionalLong.of(new JdbcTemplate(source).queryForObject("SELECT COUNT(*) FROM " + table,
                Long.class));
    }

    /** A {@code long} the job ExecutionContext holds, such as a Christchurch file's trailer count. */
    static StepTotal jobContext(String key) {
        return step -> step.getJobExecution().getExecutionContext().containsKey(key)
                ? OptionalLong.of(step.getJobExecution().getExecutionContext().getLong(key))
                : OptionalLong.empty();
    }

    /** A count on the target with the run ID as its one parameter. */
    static StepTotal runQuery(JdbcTemplate target, String sql) {
        return step -> OptionalLong.of(target.queryForObject(sql, Long.class,
                step.getJobParameters().getString(RunParameters.RUN_ID)));
    }
}
