package uk.gov.bcpcouncil.clientindex.extract;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a legacy row to a {@link StagedRow}: every column as text under its lower-case name, dates
 * as ISO-8601, timestamps with a time zone keep their offset, SQL NULL as a null value.
 * Stateless and thread-safe.
 */
public final class TextRowMapper implements RowMapper<StagedRow> {

    private final LegacyTable table;

    public TextRowMapper(LegacyTable table) {
        this.table = table;
    }

    @Override
    public StagedRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            data.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), text(rs, meta, i));
        }
        String rowId = data.get(table.keyColumn());
        String personId = data.get(table.personColumn());
        if (rowId == null || personId == null) {
            throw new SQLException(table.table() + " row without " + table.keyColumn() + " or " + table.personColumn());
        }
        return new StagedRow(table.source(), table.entity(), rowId, personId, data);
    }

    static String text(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        String typeName = meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT);
        Object value;
        if (type == Types.DATE) {
            value = rs.getObject(i, LocalDate.class);
        } else if (typeName.equals("timestamptz") || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            value = rs.getObject(i, OffsetDateTime.class);
        } else if (type == Types.TIMESTAMP) {
            value = rs.getObject(i, LocalDateTime.class);
        } else {
            value = rs.getObject(i);
        }
        return value == null ? null : value.toString();
    }
}
