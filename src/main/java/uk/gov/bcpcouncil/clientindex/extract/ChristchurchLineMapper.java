package uk.gov.bcpcouncil.clientindex.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.file.LineMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Maps one data line of a Christchurch file to a {@link StagedRow} keyed by the header's column names.
 * The trailer maps to {@code null}, which ends the read (the trailer was verified to be the last line).
 * A line with the wrong number of values is not dropped: it is staged with a {@code _malformed} reason
 * and becomes a reject. Person rows are keyed by DCC_ID; involvement rows by line number (the file is
 * immutable once verified, so line numbers are stable across restarts). Stateless and thread-safe.
 */
public final class ChristchurchLineMapper implements LineMapper<StagedRow> {

    public static final String MALFORMED = "_malformed";

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
        }
        String personId = idOk ? dccId : "LINE-" + lineNumber;
        String rowId = entity == Entity.PERSON ? personId : "L" + lineNumber;
        return new StagedRow(SourceSystem.CHRISTCHURCH, entity, rowId, personId, data);
    }
}
