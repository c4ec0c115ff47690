package uk.gov.bcpcouncil.clientindex.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Database;
import uk.gov.bcpcouncil.clientindex.extract.LegacyTable;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.EntityMapping;

/**
 * Preflight of one legacy database, without writing anything: the account connects; it can read every
 * table the job extracts, with every column the mappings name ({@code SELECT * ... WHERE 1=0}, the
 * readers' own column list, and a {@code COUNT(*)}); and it cannot write to them (MySQL/MariaDB:
 * {@code information_schema} privileges of the current user; PostgreSQL: {@code has_table_privilege}).
 * Privileges held only through roles are not expanded on MySQL/MariaDB. Stateless and thread-safe.
 */
final class LegacyAccessCheck {

    private final String name;
    private final Database db;
    private final List<LegacyTable> tables;

    LegacyAccessCheck(String name, Database db, List<LegacyTable> tables) {
        this.name = name;
        this.db = db;
        this.tables = tables;
    }

    /** @param mappings the validated mappings, or null when they are invalid (columns are then not checked) */
    List<CheckResult> run(Mappings mappings) {
        List<CheckResult> results = new ArrayList<>();
        try (Connection c = Jdbc.connect(db)) {
            results.add(server(c));
            for (LegacyTable table : tables) {
                results.add(readable(c, table, mappings));
            }
            results.add(writeAccess(c));
        } catch (SQLException e) {
            results.add(CheckResult.fail(name, "cannot connect to " + Jdbc.where(db.url()) + " as " + db.username()
                    + ": " + Jdbc.reason(e)));
        }
        return results;
    }

    private CheckResult server(Connection c) throws SQLException {
        String version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        }
        String at = " at " + Jdbc.where(db.url()) + " as " + db.username();
        if (!Jdbc.isMySql(db.url())) {
            return CheckResult.pass(name, "PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + at);
        }
        boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        // VERSION(), not the driver's metadata: MariaDB presents itself to MySQL drivers as 5.5.5
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
        int major = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int minor = major > 0 ? Integer.parseInt(m.group(2)) : 0;
        String product = (mariadb ? "MariaDB " : "MySQL ") + version.replaceAll("-.*", "");
        boolean supported = mariadb ? major > 10 || (major == 10 && minor >= 11) : major >= 8;
        return supported ? CheckResult.pass(name, product + at)
                : CheckResult.warn(name, product + at + "; supported are MySQL 8 and MariaDB 10.11 or newer");
    }

    private CheckResult readable(Connection c, LegacyTable table, Mappings mappings) {
        String check = name + "." + table.table().replaceFirst("^poole\\.", "");
        Set<String> present = new TreeSet<>();
        long rows;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.table() + " WHERE 1=0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    present.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table.table())) {
                rs.next();
                rows = rs.getLong(1);
            }
        } catch (SQLException e) {
            return CheckResult.fail(check, "cannot read table " + table.table() + " as " + db.username() + ": "
                    + Jdbc.reason(e));
        }
        if (mappings == null) {
            return CheckResult.warn(check, String.format(Locale.UK, "readable, %,d rows; columns not checked"
                    + " (the mappings are invalid)", rows));
        }
        Set<String> needed = neededColumns(table, mappings);
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            return CheckResult.fail(check, "table " + table.table() + " has no column " + String.join(", ", missing)
                    + " named in mappings/" + table.source().name().toLowerCase(Locale.ROOT) + ".yaml");
        }
        return CheckResult.pass(check, String.format(Locale.UK, "readable, %,d rows, all %d mapped columns present",
                rows, needed.size()));
    }

    /** The key and person columns and every column the table's mapping section names. */
    static Set<String> neededColumns(LegacyTable table, Mappings mappings) {
        Set<String> columns = new TreeSet<>(List.of(table.keyColumn(), table.personColumn()));
        EntityMapping section = mappings.definition(table.source()).sections()
                .get(table.entity().name().toLowerCase(Locale.ROOT));
        columns.addAll(columnsOf(section));
        return columns;
    }

    static Set<String> columnsOf(EntityMapping section) {
        Set<String> columns = new TreeSet<>();
        if (section == null) {
            return columns;
        }
        section.fields().values().forEach(f -> columns.addAll(f.from()));
        if (section.excludedWhen() != null) {
            columns.add(section.excludedWhen().column());
        }
        if (section.mergedWhen() != null) {
            columns.add(section.mergedWhen().column());
            columns.add(section.mergedWhen().targetColumn());
        }
        return columns.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    private CheckResult writeAccess(Connection c) {
        String check = name + " write access";
        try {
            Set<String> writable = Jdbc.isMySql(db.url()) ? mysqlWritePrivileges(c) : postgresWritableTables(c);
            if (writable.isEmpty()) {
                return CheckResult.pass(check, db.username() + " is read-only on the extracted tables");
            }
            return CheckResult.warn(check, db.username() + " can also write (" + String.join(", ", writable)
                    + "); legacy accounts should be SELECT-only");
        } catch (SQLException e) {
            return CheckResult.warn(check, "could not read the account's privileges: " + Jdbc.reason(e));
        }
    }

    private Set<String> mysqlWritePrivileges(Connection c) throws SQLException {
        String names = tables.stream().map(t -> "'" + t.table() + "'").collect(Collectors.joining(", "));
        String sql = "SELECT DISTINCT p.PRIVILEGE_TYPE FROM ("
                + " SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"
                + " UNION ALL SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES"
                + "   WHERE DATABASE() LIKE TABLE_SCHEMA"
                + " UNION ALL SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES"
                + "   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (" + names + ")) p"
                + " WHERE p.GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
                + "   SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')"
                + " AND p.PRIVILEGE_TYPE IN ('INSERT', 'UPDATE', 'DELETE', 'DROP', 'ALTER')"
                + " ORDER BY 1";
        Set<String> privileges = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                privileges.add(rs.getString(1));
            }
        }
        return privileges;
    }

    private Set<String> postgresWritableTables(Connection c) throws SQLException {
        Set<String> writable = new TreeSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                writable.add("superuser");
                return writable;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT has_table_privilege(?, 'INSERT, UPDATE, DELETE, TRUNCATE')")) {
            for (LegacyTable table : tables) {
                ps.setString(1, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        writable.add("INSERT/UPDATE/DELETE on " + table.table());
                    }
                }
            }
        }
        return writable;
    }

    static List<LegacyTable> tablesOf(SourceSystem source) {
        return LegacyTable.ALL.stream().filter(t -> t.source() == source).toList();
    }
}
