package uk.gov.bcpcouncil.clientindex.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One run at a time per target database: a PostgreSQL session advisory lock held on a dedicated
 * connection for the whole run. The database releases it when the process dies, so a run left STARTED
 * by a killed process is told apart from a live one. Not thread-safe; close it once.
 */
public final class RunLock implements AutoCloseable {

    /** The advisory lock key: one run at a time per target database. */
    static final long KEY = 839_2019_0001L; // LA 839 (BCP), formed 2019

    private Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or null when another process holds it. */
    public static RunLock tryAcquire(DataSource target) throws SQLException {
        Connection c = target.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new RunLock(c);
                }
            }
        }
        c.close();
        return null;
    }

    /** Whether the lock is still held after a database fault. */
    public enum State {
        HELD, TAKEN_BY_ANOTHER_PROCESS, TARGET_UNREACHABLE
    }

    /**
     * After a database fault: whether this process still holds the lock, taking it again when its connection
     * was lost (a dropped connection or a restarted server releases it).
     */
    public State ensureHeld(DataSource target) {
        try {
            if (connection.isValid(5)) {
                return State.HELD;
            }
        } catch (SQLException e) {
            // treated as lost
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // already broken
        }
        try {
            RunLock again = tryAcquire(target);
            if (again == null) {
                return State.TAKEN_BY_ANOTHER_PROCESS;
            }
            connection = again.connection;
            return State.HELD;
        } catch (SQLException | RuntimeException e) {
            return State.TARGET_UNREACHABLE;
        }
    }

    @Override
    public void close() throws SQLException {
        if (!connection.isValid(5)) {
            try {
                connection.close(); // the lock went with the connection
            } catch (SQLException e) {
                // already broken: nothing to release
            }
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } finally {
            connection.close();
        }
    }
}
