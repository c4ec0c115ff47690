package uk.gov.bcpcouncil.clientindex.extract;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import uk.gov.bcpcouncil.clientindex.infra.UniqueViolations;

/**
 * After the extract steps (and an incremental run's carry-over) have filled the run's staging partition: builds its
 * lookup indexes ({@link StagingPartitions#index}) and refreshes its planner statistics, for {@code mapRecords} and
 * the reports that read it. Building an index once over the loaded rows costs a fraction of keeping it up to date
 * row by row during the load.
 * <p>A person record staged twice (the same record id of one source, which only a file delivery can hold: the
 * databases' own keys prevent it) fails the step with the count per source, and no record id: the delivery must be
 * corrected and the run started again.
 * <p>Idempotent (indexes there already are kept; statistics are replaced). One transaction. Thread-safe.
 */
public class IndexStagingTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final String runId;

    public IndexStagingTasklet(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        indexAndAnalyse();
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }

    /** The step's work, in the caller's transaction. */
    void indexAndAnalyse() {
        String table = StagingPartitions.name(jdbc, runId);
        Connection con = DataSourceUtils.getConnection(jdbc.getDataSource());
        boolean indexed;
        try {
            indexed = UniqueViolations.attempt(con, () -> StagingPartitions.index(jdbc, runId, false));
        } catch (SQLException e) {
            throw new IllegalStateException("Indexing the staging of run " + runId + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(con, jdbc.getDataSource());
        }
        if (!indexed) { // a person key staged twice; the savepoint undid the failed index, so the count can run
            throw new ExtractRefusedException(duplicates(table));
        }
        jdbc.execute("ANALYZE " + table);
    }

    private String duplicates(String table) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT source_system, COUNT(*) FROM (SELECT source_system FROM " + table
                + " WHERE entity = 'PERSON' GROUP BY source_system, row_id HAVING COUNT(*) > 1) d GROUP BY 1",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        StringBuilder each = new StringBuilder();
        counts.forEach((source, n) -> each.append(each.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d", source, n)));
        return "Run " + runId + " staged some person records twice (the same record id of one source: " + each
                + " record ids). A delivery file must hold each person once: have the source corrected and start a"
                + " new run; find them with SELECT source_system, row_id FROM " + table
                + " WHERE entity = 'PERSON' GROUP BY 1, 2 HAVING COUNT(*) > 1";
    }
}
