package uk.gov.bcpcouncil.clientindex.job;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a transient database fault (a refused, dropped or timed-out connection, a server shutting down, a
 * deadlock) from a permanent error, and describes a failure for operators without any data value in it.
 * Stateless and thread-safe.
 */
public final class DatabaseFaults {

    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern KEY_VALUES = Pattern.compile("=\\([^)]*\\)");
    private static final int MAX_MESSAGE = 300;

    private DatabaseFaults() {
    }

    /**
     * Whether {@code failure} (or a cause) is a fault that may pass: the connection was refused, lost or timed
     * out (SQLState class 08, MySQL 08S01), the server is shutting down or restarting (57P01-57P03), too many
     * connections (53300), or a serialization failure or deadlock (40001, 40P01), or Spring's or JDBC's
     * transient and recoverable exceptions.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof CannotCreateTransactionException) {
                return true; // no connection to begin a chunk's transaction with
            }
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && tse.getApplicationException() != failure && isTransient(tse.getApplicationException())) {
                return true; // a rollback that failed after the connection was lost
            }
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true; // HikariCP: the pool closed a connection found broken
            }
        }
        return false;
    }

    static boolean transientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("40001") || state.equals("40P01");
    }

    /**
     * A one-line description of a failure for the console, the run log and {@code status.json}: the outermost
     * message and the root cause's, with quoted text and {@code key=(value)} pairs replaced by {@code …}, so that a
     * database error that echoes a value (a name in a constraint violation, a date in a parse error) never puts
     * it in a log. The SQLState is kept: it is what a DBA needs.
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        Throwable root = failure;
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        String outer = firstLine(failure.getMessage());
        String inner = root == failure ? null : firstLine(root.getMessage());
        StringBuilder text = new StringBuilder(outer == null ? failure.getClass().getSimpleName() : outer);
        if (inner != null && !text.toString().contains(inner)) {
            text.append(" (cause: ").append(inner).append(')');
        }
        if (state != null && !text.toString().contains(state)) {
            text.append(" [SQLState ").append(state).append(']');
        }
        return redact(text.toString());
    }

    /** Removes quoted values and {@code key=(value)} details from a message, and bounds its length. */
    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String s = KEY_VALUES.matcher(message).replaceAll("=(…)");
        s = DOUBLE_QUOTED.matcher(s).replaceAll("\"…\"");
        s = SINGLE_QUOTED.matcher(s).replaceAll("'…'");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
