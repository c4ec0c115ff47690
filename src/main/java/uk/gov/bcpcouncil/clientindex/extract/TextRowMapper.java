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
 * the value; it becomes a reject counted against the source's reject limit. Thread-safe: its only state is the
 * column names and types of the last result set it saw (read once per page instead of once per row), replaced
 * whole when another result set comes.
 */
public final class TextRowMapper implements RowMapper<StagedRow> {

    private final LegacyTable table;

    public TextRowMapper(LegacyTable table) {
        this.table = table;
    }

    /** The columns of one result set, read from its metadata once (a page of rows, not every row). */
    private record Columns(ResultSet rs, String[] names, int[] kinds, String[] typeNames) {
    }

    private static final int PLAIN = 0;
    private static final int DATE = 1;
    private static final int TIMESTAMPTZ = 2;
    private static final int TIMESTAMP = 3;

    /** The last result set's columns: a reader maps a page's rows from one result set. */
    private volatile Columns columns;

    private Columns columns(ResultSet rs) throws SQLException {
        Columns c = columns;
        if (c != null && c.rs() == rs) {
            return c;
        }
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] names = new String[n];
        int[] kinds = new int[n];
        String[] typeNames = new String[n];
        for (int i = 1; i <= n; i++) {
            names[i - 1] = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            typeNames[i - 1] = meta.getColumnTypeName(i);
            kinds[i - 1] = kind(meta.getColumnType(i), typeNames[i - 1].toLowerCase(java.util.Locale.ROOT));
        }
        c = new Columns(rs, names, kinds, typeNames);
        columns = c;
        return c;
    }

    private static int kind(int type, String typeName) {
        if (type == Types.DATE) {
            return DATE;
        }
        if (typeName.equals("timestamptz") || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            return TIMESTAMPTZ;
        }
        return type == Types.TIMESTAMP ? TIMESTAMP : PLAIN;
    }

    @Override
    public StagedRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        Columns cols = columns(rs);
        Map<String, String> data = new LinkedHashMap<>(cols.names().length * 2);
        String malformed = null;
        for (int i = 1; i <= cols.names().length; i++) {
            String column = cols.names()[i - 1];
            String value;
            try {
                value = text(rs, cols.kinds()[i - 1], i);
            } catch (UnreadableValue e) {
                value = null;
                malformed = malformed == null ? column + " " + e.getMessage() : malformed;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e; // the connection, not the value
                }
                value = null;
                malformed = malformed == null ? column + " cannot be read as " + cols.typeNames()[i - 1]
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

    private static String text(ResultSet rs, int kind, int i) throws SQLException {
        Object value = switch (kind) {
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIMESTAMPTZ -> rs.getObject(i, OffsetDateTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            default -> rs.getObject(i);
        };
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
