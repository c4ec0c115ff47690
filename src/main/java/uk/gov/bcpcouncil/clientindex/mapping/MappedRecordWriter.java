package uk.gov.bcpcouncil.clientindex.mapping;

import java.sql.Date;
import java.sql.Types;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;

/**
 * Writes mapped records into {@code ci_mapped_record}. Idempotent: an upsert on (run, source, record id),
 * so a chunk replayed after a restart leaves one row per legacy record; it also clears {@code survivor_id},
 * which the next step recomputes. Runs in the chunk's transaction on the target, with the checkpoint.
 * Restart keys: none of its own (the reader, {@code stagedPersonReader}, holds the position). Thread-safe
 * (no mutable state).
 */
public class MappedRecordWriter implements ItemWriter<MappedRecord> {

    private static final String UPSERT = """
            INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, reason, merge_target,
                given_name, family_name, birth_date, expected_birth_date, sex, nhs_number, nhs_status, upn, upn_status,
                postcode, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (run_id, source_system, source_record_id) DO UPDATE SET outcome = EXCLUDED.outcome,
                reason = EXCLUDED.reason, merge_target = EXCLUDED.merge_target, survivor_id = NULL,
                given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name, birth_date = EXCLUDED.birth_date,
                expected_birth_date = EXCLUDED.expected_birth_date, sex = EXCLUDED.sex,
                nhs_number = EXCLUDED.nhs_number, nhs_status = EXCLUDED.nhs_status, upn = EXCLUDED.upn,
                upn_status = EXCLUDED.upn_status, postcode = EXCLUDED.postcode, record = EXCLUDED.record""";

    private final JdbcTemplate jdbc;
    private final String runId;
    private final JsonMapper json;

    public MappedRecordWriter(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.json = json;
    }

    @Override
    public void write(Chunk<? extends MappedRecord> chunk) {
        List<? extends MappedRecord> items = chunk.getItems();
        jdbc.batchUpdate(UPSERT, items, items.size(), (ps, m) -> {
            CanonicalRecord r = m.record();
            ps.setString(1, runId);
            ps.setString(2, m.source().name());
            ps.setString(3, m.sourceRecordId());
            ps.setString(4, m.outcome().name());
            ps.setString(5, m.reason());
            ps.setString(6, m.mergeTarget());
            ps.setString(7, r == null ? null : r.firstName());
            ps.setString(8, r == null ? null : r.familyName());
            ps.setObject(9, r == null || r.birthDate() == null ? null : Date.valueOf(r.birthDate()), Types.DATE);
            ps.setObject(10, r == null || r.expectedBirthDate() == null ? null : Date.valueOf(r.expectedBirthDate()),
                    Types.DATE);
            ps.setString(11, r == null ? null : r.sex());
            ps.setString(12, r == null ? null : r.nhsNumber().normalised());
            ps.setString(13, r == null ? null : r.nhsNumber().status().name());
            ps.setString(14, r == null ? null : r.upn().normalised());
            ps.setString(15, r == null ? null : r.upn().status().name());
            IdentifierCheck pc = r == null ? null : r.currentPostcode();
            ps.setString(16, pc == null ? null : pc.normalised());
            ps.setString(17, r == null ? null : json.writeValueAsString(r));
        });
    }
}
