package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.infra.ArrayUpsert;
import uk.gov.bcpcouncil.clientindex.infra.BinaryCopyRows;
import uk.gov.bcpcouncil.clientindex.infra.CopyFirst;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;

/**
 * Writes mapped records into {@code ci_mapped_record}: the record as {@code json}, with the columns the report
 * counts by beside it (ethnicity, each address's postcode status, the unmapped codes). One binary {@code COPY} per
 * chunk ({@link CopyFirst}, {@link BinaryCopyRows}: each record's JSON goes from Jackson's UTF-8 output into the
 * buffer, the match view as raw bytes, with no text escaping), or, when a key of the chunk is there already, one
 * statement ({@link #UPSERT}). Idempotent: a record whose key (run, source, record id) is already there replaces it,
 * so a chunk replayed after a restart leaves one row per legacy record (with {@code survivor_id} unset, as a fresh
 * mapping). Runs in the step's chunk transaction with its checkpoint. Thread-safe (no mutable state), so
 * partitions of the step may share it. Restart keys: none of its own (the reader, {@code stagedPersonReader}, holds the position).
 */
public class MappedRecordWriter implements ItemWriter<MappedRecord> {

    static final List<String> COLUMNS = List.of("run_id", "source_system", "source_record_id", "outcome", "reason",
            "merge_target", "given_name", "family_name", "birth_date", "expected_birth_date", "sex", "nhs_number",
            "nhs_status", "upn", "upn_status", "postcode", "ethnicity", "postcode_statuses", "unmapped_slots",
            "unmapped_codes", "record", "match_view");

    /**
     * The chunk's statement when a key of it is there already: the records as arrays (one per column after
     * {@code run_id}), inserted, or replacing the row of the same key with {@code survivor_id} unset. The conflict
     * is found on the primary key whatever the table's statistics: the delete-then-{@code COPY} it replaced
     * scanned, on a table not yet analysed, all the run's records of the source at every chunk (about 2,000
     * records a second at 100,000 children).
     */
    static final String UPSERT;

    static {
        List<String> rest = COLUMNS.subList(1, COLUMNS.size());
        StringBuilder select = new StringBuilder();
        StringBuilder unnest = new StringBuilder();
        StringBuilder update = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            String c = rest.get(i);
            String cast = switch (c) {
                case "birth_date", "expected_birth_date" -> "::date";
                case "postcode_statuses", "unmapped_slots", "unmapped_codes" -> "::text[]";
                case "record" -> "::json";
                case "match_view" -> "";
                default -> "";
            };
            select.append(c.equals("match_view") ? ", decode(t.c" + i + ", 'base64')" : ", t.c" + i + cast);
            unnest.append(i == 0 ? "" : ", ").append("?::text[]");
            if (i >= 2) {
                update.append(", ").append(c).append(" = EXCLUDED.").append(c);
            }
        }
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            aliases.append(i == 0 ? "" : ", ").append('c').append(i);
        }
        UPSERT = "INSERT INTO ci_mapped_record (" + String.join(", ", COLUMNS) + ") SELECT ?" + select
                + " FROM unnest(" + unnest + ") AS t(" + aliases + ")"
                + " ON CONFLICT (run_id, source_system, source_record_id) DO UPDATE SET survivor_id = NULL" + update;
    }

    private final JdbcTemplate jdbc;
    private final String runId;
    private final ObjectWriter recordWriter;
    private final CandidateViews<?> views;

    public MappedRecordWriter(JdbcTemplate jdbc, String runId, JsonMapper json) {
        this(jdbc, runId, json, (CandidateViews<?>) null);
    }

    /**
     * @param matchView the matcher's compact view of a candidate record, stored beside its JSON so that the match
     *                  step need not parse the JSON (the job passes the matching package's encoder; null: none)
     */
    public MappedRecordWriter(JdbcTemplate jdbc, String runId, JsonMapper json, Function<CanonicalRecord, byte[]> matchView) {
        this(jdbc, runId, json, matchView == null ? null : CandidateViews.bytes(matchView));
    }

    /**
     * @param views the matcher's view of each candidate record: stored beside its JSON ({@code match_view}), and
     *              told of each chunk's views once its transaction committed (null: none)
     */
    public MappedRecordWriter(JdbcTemplate jdbc, String runId, JsonMapper json, CandidateViews<?> views) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.recordWriter = json.writerFor(CanonicalRecord.class);
        this.views = views;
    }

    @Override
    public void write(Chunk<? extends MappedRecord> chunk) {
        write(chunk.getItems(), views);
    }

    private <V> void write(List<? extends MappedRecord> items, CandidateViews<V> candidateViews) {
        if (items.isEmpty()) {
            return;
        }
        int n = items.size();
        byte[][] stored = new byte[n][];
        Map<String, V> candidates = new LinkedHashMap<>();
        Set<String> others = new HashSet<>();
        BinaryCopyRows rows = new BinaryCopyRows(n * 1536);
        for (int i = 0; i < n; i++) {
            MappedRecord m = items.get(i);
            CanonicalRecord r = m.record();
            boolean candidate = m.outcome() == MappedRecord.Outcome.CANDIDATE;
            V view = r == null || candidateViews == null || !candidate ? null : candidateViews.view(r);
            stored[i] = view == null ? null : candidateViews.bytes(view);
            String key = m.source().name() + ":" + m.sourceRecordId();
            if (candidate) {
                candidates.put(key, view);
            } else {
                others.add(key);
            }
            rows.row(COLUMNS.size()).text(runId).text(m.source().name()).text(m.sourceRecordId())
                    .text(m.outcome().name()).text(m.reason()).text(m.mergeTarget());
            if (r == null) {
                rows.nulls(15); // given_name to unmapped_codes, and record
            } else {
                IdentifierCheck pc = r.currentPostcode();
                rows.text(r.firstName()).text(r.familyName()).date(r.birthDate()).date(r.expectedBirthDate())
                        .text(r.sex()).text(r.nhsNumber().normalised()).text(r.nhsNumber().status().name())
                        .text(r.upn().normalised()).text(r.upn().status().name())
                        .text(pc == null ? null : pc.normalised()).text(r.ethnicity())
                        .textArray(postcodeStatuses(r)).textArray(unmappedSlots(r)).textArray(unmappedCodes(r))
                        .json(recordWriter, r);
            }
            rows.bytea(stored[i]);
        }
        if (!CopyFirst.write(jdbc.getDataSource(), "ci_mapped_record", COLUMNS, rows)) {
            upsert(items, stored); // the chunk, or part of it, was written before (a replayed chunk): replace its rows
        }
        if (candidateViews != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    candidateViews.committed(runId, candidates, others);
                }
            });
        }
    }

    /** The chunk as one {@link #UPSERT}: one text array per column after {@code run_id}. */
    private void upsert(List<? extends MappedRecord> items, byte[][] views) {
        int n = items.size();
        String[][] columns = new String[COLUMNS.size() - 1][n];
        for (int i = 0; i < n; i++) {
            MappedRecord m = items.get(i);
            CanonicalRecord r = m.record();
            columns[0][i] = m.source().name();
            columns[1][i] = m.sourceRecordId();
            columns[2][i] = m.outcome().name();
            columns[3][i] = m.reason();
            columns[4][i] = m.mergeTarget();
            if (r != null) {
                IdentifierCheck pc = r.currentPostcode();
                columns[5][i] = r.firstName();
                columns[6][i] = r.familyName();
                columns[7][i] = Objects.toString(r.birthDate(), null);
                columns[8][i] = Objects.toString(r.expectedBirthDate(), null);
                columns[9][i] = r.sex();
                columns[10][i] = r.nhsNumber().normalised();
                columns[11][i] = r.nhsNumber().status().name();
                columns[12][i] = r.upn().normalised();
                columns[13][i] = r.upn().status().name();
                columns[14][i] = pc == null ? null : pc.normalised();
                columns[15][i] = r.ethnicity();
                columns[16][i] = arrayLiteral(postcodeStatuses(r));
                columns[17][i] = arrayLiteral(unmappedSlots(r));
                columns[18][i] = arrayLiteral(unmappedCodes(r));
                columns[19][i] = recordWriter.writeValueAsString(r);
            }
            columns[20][i] = views[i] == null ? null : Base64.getEncoder().encodeToString(views[i]);
        }
        ArrayUpsert.run(jdbc, UPSERT, runId, columns);
    }

    /** Each address's postcode status in address order (null for an address without a postcode). */
    static List<String> postcodeStatuses(CanonicalRecord r) {
        if (r.addresses() == null) {
            return List.of();
        }
        List<String> statuses = new ArrayList<>(r.addresses().size());
        for (CanonicalRecord.Address a : r.addresses()) {
            statuses.add(a.postcode() == null ? null : a.postcode().status().name());
        }
        return statuses;
    }

    static List<String> unmappedSlots(CanonicalRecord r) {
        return r.unmapped() == null ? List.of() : r.unmapped().stream().map(CanonicalRecord.Unmapped::slot).toList();
    }

    static List<String> unmappedCodes(CanonicalRecord r) {
        return r.unmapped() == null ? List.of() : r.unmapped().stream().map(CanonicalRecord.Unmapped::code).toList();
    }

    /**
     * A {@code text[]} literal of the values (each quoted, {@code "} and {@code \} escaped, NULL for null), or null
     * for none, as the binary {@code COPY} stores an empty list.
     */
    static String arrayLiteral(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("{");
        for (String v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            if (v == null) {
                b.append("NULL");
            } else {
                b.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }
}
