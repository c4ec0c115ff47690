package uk.gov.bcpcouncil.clientindex.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Incremental runs only (a full run does nothing here): completes the run's staging with the unchanged
 * records of Bournemouth and Poole. It lists every person key now in each source ({@code ci_incremental_key};
 * a key is "changed" when the extract steps re-read its person row), then copies from the base run, with
 * INSERT ... SELECT, the staged rows (person and child rows) and the mapped record of every person present
 * in the source and not re-read. A person deleted from the source (hard delete) is in neither, so it leaves
 * the index; a soft delete bumps the change timestamp and is re-read and mapped as EXCLUDED. Christchurch is
 * read whole from each delivery (a full snapshot: a record missing from it is gone).
 * <p>Assumes, as the legacy systems do, that any change to a person's addresses, aliases, involvements or
 * episodes also updates the person's change timestamp.
 * <p>Idempotent: replaces the run's keys and staged copies (the run's staging has no row key to find them by
 * before {@code indexStaging}); copies mapped records with ON CONFLICT DO NOTHING. The run id is a constant in
 * each query, so PostgreSQL reads only the run's staging partition. One transaction. Not thread-safe: one
 * instance per step execution.
 */
public class CarryOverTasklet implements Tasklet {

    private static final int BATCH = 5000;
    public static final String CARRIED_KEY = "incremental.carried";
    public static final String CHANGED_KEY = "incremental.changed";

    private final JdbcTemplate jdbc;
    private final String runId;
    private final DataSource bournemouth;
    private final DataSource poole;

    public CarryOverTasklet(JdbcTemplate jdbc, String runId, DataSource bournemouth, DataSource poole) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.bournemouth = bournemouth;
        this.poole = poole;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        String base = job.getString(Incremental.BASE_KEY, "");
        if (base.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        jdbc.update("DELETE FROM ci_incremental_key WHERE run_id = ?", runId);
        keys(SourceSystem.BOURNEMOUTH, new JdbcTemplate(bournemouth), "SELECT client_id FROM client");
        keys(SourceSystem.POOLE, new JdbcTemplate(poole), "SELECT person_ref FROM poole.person");
        jdbc.update("UPDATE ci_incremental_key k SET changed = TRUE WHERE k.run_id = ? AND EXISTS (SELECT 1 FROM"
                + " ci_stg_row s WHERE s.run_id = ? AND s.source_system = k.source_system AND s.entity = 'PERSON'"
                + " AND s.row_id = k.person_id)", runId, runId);
        jdbc.update("DELETE FROM ci_stg_row WHERE run_id = ? AND carried", runId); // an earlier attempt's copies
        int staged = jdbc.update("INSERT INTO ci_stg_row (run_id, source_system, entity, row_id, person_id, data, malformed,"
                + " carried) SELECT k.run_id, b.source_system, b.entity, b.row_id, b.person_id, b.data, b.malformed, TRUE"
                + " FROM ci_incremental_key k"
                + " JOIN ci_stg_row b ON b.run_id = ? AND b.source_system = k.source_system AND b.person_id = k.person_id"
                + " WHERE k.run_id = ? AND NOT k.changed ON CONFLICT DO NOTHING", base, runId);
        int mapped = jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, reason,"
                + " merge_target, survivor_id, given_name, family_name, birth_date, expected_birth_date, sex, nhs_number,"
                + " nhs_status, upn, upn_status, postcode, ethnicity, postcode_statuses, unmapped_slots, unmapped_codes,"
                + " record, match_view)"
                + " SELECT k.run_id, b.source_system, b.source_record_id, b.outcome, b.reason, b.merge_target,"
                + " b.survivor_id, b.given_name, b.family_name, b.birth_date, b.expected_birth_date, b.sex, b.nhs_number,"
                + " b.nhs_status, b.upn, b.upn_status, b.postcode, b.ethnicity, b.postcode_statuses, b.unmapped_slots,"
                + " b.unmapped_codes, b.record, b.match_view FROM ci_incremental_key k"
                + " JOIN ci_mapped_record b ON b.run_id = ? AND b.source_system = k.source_system"
                + " AND b.source_record_id = k.person_id WHERE k.run_id = ? AND NOT k.changed ON CONFLICT DO NOTHING",
                base, runId);
        Map<String, Long> changed = new TreeMap<>();
        jdbc.query("SELECT source_system, COUNT(*) FROM ci_incremental_key WHERE run_id = ? AND changed"
                + " GROUP BY source_system", rs -> {
                    changed.put(rs.getString(1), rs.getLong(2));
                }, runId);
        job.put(CHANGED_KEY, changed);
        job.putLong(CARRIED_KEY, mapped);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(staged + mapped);
        return RepeatStatus.FINISHED;
    }

    private void keys(SourceSystem source, JdbcTemplate legacy, String sql) {
        List<Object[]> batch = new ArrayList<>(BATCH);
        legacy.setFetchSize(BATCH);
        legacy.query(sql, rs -> {
            batch.add(new Object[] { runId, source.name(), rs.getString(1) });
            if (batch.size() >= BATCH) {
                insert(batch);
            }
        });
        insert(batch);
    }

    private void insert(List<Object[]> batch) {
        jdbc.batchUpdate("INSERT INTO ci_incremental_key (run_id, source_system, person_id, changed) VALUES (?, ?, ?, FALSE)",
                batch);
        batch.clear();
    }
}
