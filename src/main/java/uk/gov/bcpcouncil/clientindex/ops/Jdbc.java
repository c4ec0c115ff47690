package uk.gov.bcpcouncil.clientindex.ops;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Database;

/**
 * Short-lived connections for the preflight: a few seconds to connect, so an unreachable host fails fast
 * instead of waiting for the pools' timeouts. Messages name the host and database, never the password or
 * the URL's parameters. Stateless and thread-safe.
 */
final class Jdbc {

    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private Jdbc() {
    }

    static Connection connect(Database db) throws SQLException {
        Properties props = new Properties();
        if (db.username() != null) {
            props.setProperty("user", db.username());
        }
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        if (isMySql(db.url())) {
            props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
            props.setProperty("socketTimeout", "60000");
        } else {
            props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 2));
            props.setProperty("socketTimeout", "60");
        }
        Connection c = DriverManager.getConnection(db.url(), props);
        c.setReadOnly(true);
        return c;
    }

    static boolean isMySql(String url) {
        return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
    }

    /** {@code //host:port/database}, without the URL's parameters (which may hold a password). */
    static String where(String url) {
        if (url == null) {
            return "(no URL)";
        }
        int q = url.indexOf('?');
        String bare = q < 0 ? url : url.substring(0, q);
        int slashes = bare.indexOf("//");
        return slashes < 0 ? bare : bare.substring(slashes);
    }

    /** The first line of the driver's message, and the network cause when there is one. */
    static String reason(SQLException e) {
        String first = firstLine(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof SocketTimeoutException || c instanceof NoRouteToHostException) {
                return first + " (" + c.getClass().getSimpleName() + ": " + firstLine(c.getMessage()) + ")";
            }
        }
        return first;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }
}
