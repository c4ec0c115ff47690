package uk.gov.bcpcouncil.clientindex.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.file.LineMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Maps one data line of a Christchurch file to a {@link StagedRow} keyed by the header's column names.
 * The trailer maps to {@code null}, which ends the read (the trailer was verified to be the last line).
 * A malformed line is not dropped: it is staged with a {@code _malformed} reason naming the column (never
 * its value) and becomes a reject: the wrong number of values (a missing or extra column), a DCC_ID that
 * is not digits, a date that is not {@code YYYYMMDD} or a timestamp that is not {@code YYYYMMDDHHMMSS} (a
 * wrong type), bytes that are not valid Windows-1252 (the reader decodes them to U+FFFD, which
 * Windows-1252 cannot otherwise produce), control characters, or an oversized value ({@link RowChecks}).
 * Person rows are keyed by DCC_ID; involvement rows by line number (the file is immutable once verified,
 * so line numbers are stable across restarts). Stateless and thread-safe.
 */
public final class ChristchurchLineMapper implements LineMapper<StagedRow> {

    public static final String MALFORMED = RowChecks.MALFORMED;
    private static final java.util.Set<String> DATES = java.util.Set.of("dob", "date_of_death", "start", "end");
    private static final String TIMESTAMP = "last_updated";

    private final Entity entity;
    private final List<String> columns;

    public ChristchurchLineMapper(Entity entity, List<String> columns) {
        this.entity = entity;
        this.columns = columns;
    }

    @Override
    public StagedRow mapLine(String line, int lineNumber) {
        if (ChristchurchFormat.isTrailer(line)) {
            return null;
        }
        String[] values = ChristchurchFormat.split(line);
        Map<String, String> data = new LinkedHashMap<>();
        String dccId = values[0].trim();
        boolean idOk = dccId.matches("\\d{1,18}");
        if (values.length != columns.size()) {
            data.put(MALFORMED, "line " + lineNumber + " has " + values.length + " values, expected " + columns.size());
            data.put("line", String.valueOf(lineNumber));
        } else {
            for (int i = 0; i < columns.size(); i++) {
                data.put(columns.get(i).toLowerCase(java.util.Locale.ROOT), values[i].isEmpty() ? null : values[i]);
            }
            if (!idOk) {
                data.put(MALFORMED, "line " + lineNumber + " has no numeric DCC_ID");
            }
            String why = RowChecks.checkAll(data, "Windows-1252");
            if (why == null) {
                why = wrongType(data);
            }
            if (why != null && !data.get(MALFORMED).startsWith("line ")) {
                data.put(MALFORMED, "line " + lineNumber + ": " + data.get(MALFORMED));
            }
        }
        String personId = idOk ? dccId : "LINE-" + lineNumber;
        String rowId = entity == Entity.PERSON ? personId : "L" + lineNumber;
        return new StagedRow(SourceSystem.CHRISTCHURCH, entity, rowId, personId, data);
    }

    /** A date or timestamp column not in its fixed digit form; the value is dropped, the reason kept. */
    private static String wrongType(Map<String, String> data) {
        for (Map.Entry<String, String> e : data.entrySet()) {
            String v = e.getValue();
            if (v == null) {
                continue;
            }
            boolean bad = DATES.contains(e.getKey()) ? !v.matches("\\d{8}")
                    : e.getKey().equals(TIMESTAMP) && !v.matches("\\d{14}");
            if (bad) {
                String why = e.getKey().toUpperCase(java.util.Locale.ROOT) + " is not "
                        + (DATES.contains(e.getKey()) ? "a date (YYYYMMDD)" : "a timestamp (YYYYMMDDHHMMSS)");
                e.setValue(null);
                data.put(MALFORMED, why);
                return why;
            }
        }
        return null;
    }
}
