package uk.gov.bcpcouncil.clientindex.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Work that may fail on a unique key (SQLState 23505), undone to a savepoint so that the caller's transaction
 * stays usable and the caller can take another way: the insert-first writers ({@link CopyFirst},
 * {@link ArrayUpsert}) then write the rows with their upsert; {@code indexStaging} counts the keys staged twice.
 * <p>Stateless and thread-safe; runs on the caller's connection and in its transaction (the savepoint is released
 * before returning). Outside a transaction (auto-commit) there is no savepoint: the failed statement has undone
 * itself.
 */
public final class UniqueViolations {

    private static final String SQLSTATE = "23505";

    private UniqueViolations() {
    }

    /** Work on the connection, whose failure may be an {@link SQLException} or an exception wrapping one. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * @return true when the work completed; false when it failed on a unique key (found in the exception or the
     *         exceptions it wraps), after rolling back to the savepoint. Any other failure propagates as it is.
     */
    public static boolean attempt(Connection con, Work work) throws SQLException {
        Savepoint savepoint = con.getAutoCommit() ? null : con.setSavepoint();
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            if (!isCause(e)) {
                throw e;
            }
            if (savepoint != null) {
                con.rollback(savepoint);
                con.releaseSavepoint(savepoint);
            }
            return false;
        }
        if (savepoint != null) {
            con.releaseSavepoint(savepoint);
        }
        return true;
    }

    /** Whether the failure, or one it wraps, is a unique-key violation. */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
