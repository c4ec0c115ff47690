package uk.gov.bcpcouncil.clientindex.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A chunk's rows sent with {@code COPY} ({@link PgCopy}) inside a savepoint, for writers whose chunk is usually new
 * but may have been written before (a chunk replayed after a restart). When the {@code COPY} fails on a unique key
 * (SQLState 23505) the savepoint is rolled back and {@link #write} returns false: the caller then writes the chunk
 * with its upsert ({@link ArrayUpsert}), which gives the same rows (one per key, the chunk's values winning).
 * {@code COPY} costs the server less than {@code INSERT ... SELECT FROM unnest(arrays)} (no arrays to decode) and
 * the client less than binding the arrays (the driver builds each array's binary form in memory, about a sixth of
 * {@code mapRecords}' allocation).
 * <p>Stateless and thread-safe; runs in the caller's transaction (the savepoint is released before returning).
 */
public final class CopyFirst {

    private CopyFirst() {
    }

    /**
     * @param rows adds the chunk's rows to the {@code COPY} (values in {@code columns} order, {@link PgCopy#endRow}
     *             after each)
     * @return true when the rows were copied; false when a key of them was there already (nothing written)
     */
    public static boolean write(DataSource dataSource, String table, List<String> columns, Consumer<PgCopy> rows) {
        return write(dataSource, table, () -> {
            try (PgCopy copy = PgCopy.into(dataSource, table, columns)) {
                rows.accept(copy);
                copy.finish();
            }
        });
    }

    /**
     * The same for rows encoded in the binary format beforehand ({@link BinaryCopyRows}, sent with one
     * {@code COPY ... (FORMAT binary)}).
     *
     * @return true when the rows were copied; false when a key of them was there already (nothing written)
     */
    public static boolean write(DataSource dataSource, String table, List<String> columns, BinaryCopyRows rows) {
        return write(dataSource, table, () -> rows.send(dataSource, table, columns));
    }

    private static boolean write(DataSource dataSource, String table, Runnable copyRows) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            return UniqueViolations.attempt(con, copyRows::run); // false: a key of the chunk is there already
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }
}
