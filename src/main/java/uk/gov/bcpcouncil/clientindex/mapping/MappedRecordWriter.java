package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.infra.PgCopy;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;

/**
 * Writes mapped records into {@code ci_mapped_record} with {@code COPY}. Idempotent: a chunk first deletes
 * the rows of its own keys (run, source, record id) and then copies its rows, so a chunk replayed after a
 * restart leaves one row per legacy record (with {@code survivor_id} unset, as a fresh mapping). Runs in
 * the step's chunk transaction with its checkpoint. Thread-safe (no mutable state), so partitions of the
 * step may share it. Restart keys: none of its own (the reader, {@code stagedPersonReader}, holds the position).
 */
public class MappedRecordWriter implements ItemWriter<MappedRecord> {

    static final List<String> COLUMNS = List.of("run_id", "source_system", "source_record_id", "outcome", "reason",
            "merge_target", "given_name", "family_name", "birth_date", "expected_birth_date", "sex", "nhs_number",
            "nhs_status", "upn", "upn_status", "postcode", "record");

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
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (MappedRecord m : chunk.getItems()) {
            keys.computeIfAbsent(m.source().name(), k -> new ArrayList<>()).add(m.sourceRecordId());
        }
        keys.forEach((source, ids) -> jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM ci_mapped_record WHERE run_id = ? AND source_system = ?"
                    + " AND source_record_id = ANY (?)");
            ps.setString(1, runId);
            ps.setString(2, source);
            ps.setArray(3, con.createArrayOf("text", ids.toArray()));
            return ps;
        }));
        try (PgCopy copy = PgCopy.into(jdbc.getDataSource(), "ci_mapped_record", COLUMNS)) {
            for (MappedRecord m : chunk.getItems()) {
                CanonicalRecord r = m.record();
                copy.add(runId).add(m.source().name()).add(m.sourceRecordId()).add(m.outcome().name()).add(m.reason())
                        .add(m.mergeTarget());
                if (r == null) {
                    for (int i = 0; i < 11; i++) {
                        copy.add((String) null);
                    }
                } else {
                    IdentifierCheck pc = r.currentPostcode();
                    copy.add(r.firstName()).add(r.familyName()).add(r.birthDate()).add(r.expectedBirthDate())
                            .add(r.sex()).add(r.nhsNumber().normalised()).add(r.nhsNumber().status().name())
                            .add(r.upn().normalised()).add(r.upn().status().name())
                            .add(pc == null ? null : pc.normalised()).add(json.writeValueAsString(r));
                }
                copy.endRow();
            }
            copy.finish();
        }
    }
}
