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
 * as ISO-8601, timestamps with a time zone keep their offset, SQL NULL as a null value, binary columns
 * decoded strictly as UTF-8. A value that cannot be read (a value the driver cannot convert to its
 * column's type, text that is not valid UTF-8), holds a control character or is oversized
 * ({@link RowChecks}) is dropped and the row is staged as malformed, with a reason naming the column, never
 * the value; it becomes a reject counted against the source's reject limit. Stateless and thread-safe.
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
        String malformed = null;
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            String value;
            try {
                value = text(rs, meta, i);
            } catch (UnreadableValue e) {
                value = null;
                malformed = malformed == null ? column + " " + e.getMessage() : malformed;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e; // the connection, not the value
                }
                value = null;
                malformed = malformed == null ? column + " cannot be read as " + meta.getColumnTypeName(i)
                        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")") : malformed;
            }
            data.put(column, value);
        }
        if (malformed != null) {
            data.put(RowChecks.MALFORMED, malformed);
        }
        RowChecks.checkAll(data, "UTF-8");
        if (data.containsKey(RowChecks.MALFORMED)) {
            data.put(RowChecks.MALFORMED, table.table() + " " + data.get(RowChecks.MALFORMED));
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
        if (value instanceof byte[] bytes) {
            String decoded = RowChecks.strictUtf8(bytes);
            if (decoded == null) {
                throw new UnreadableValue("is not valid UTF-8");
            }
            return decoded;
        }
        return value == null ? null : value.toString();
    }

    /** A value of the row that cannot be read as text. */
    static final class UnreadableValue extends SQLException {
        UnreadableValue(String message) {
            super(message);
        }
    }
}
