package uk.gov.bcpcouncil.clientindex.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.ValidateResult;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Database;

/**
 * Preflight of the target PostgreSQL: connects (15 or newer), then reports the schema's state from
 * Flyway's {@code info()} and {@code validate} (read-only: neither creates nor changes a table) — pending
 * migrations are a WARN (the next {@code migrate} applies them), a failed or changed applied migration a
 * FAIL. Stateless and thread-safe.
 */
final class TargetSchemaCheck {

    static final int MIN_MAJOR_VERSION = 15;

    private final Database db;
    private final Flyway flyway;

    TargetSchemaCheck(Database db, Flyway flyway) {
        this.db = db;
        this.flyway = flyway;
    }

    List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        boolean canCreate;
        try (Connection c = Jdbc.connect(db)) {
            String at = " at " + Jdbc.where(db.url()) + " as " + db.username();
            String version = c.getMetaData().getDatabaseProductVersion();
            if (c.getMetaData().getDatabaseMajorVersion() < MIN_MAJOR_VERSION) {
                results.add(CheckResult.fail("target", "PostgreSQL " + version + at + "; the target must be PostgreSQL "
                        + MIN_MAJOR_VERSION + " or newer"));
                return results;
            }
            results.add(CheckResult.pass("target", "PostgreSQL " + version + at));
            canCreate = PreflightCheck.canCreate(c);
        } catch (SQLException e) {
            results.add(CheckResult.fail("target", "cannot connect to " + Jdbc.where(db.url()) + " as " + db.username()
                    + ": " + Jdbc.reason(e)));
            return results;
        }
        if (flyway != null) {
            results.add(schema(canCreate));
        }
        return results;
    }

    private CheckResult schema(boolean canCreate) {
        try {
            MigrationInfoService info = flyway.info();
            List<MigrationInfo> failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).toList();
            if (!failed.isEmpty()) {
                return CheckResult.fail("target schema", "migration " + describe(failed)
                        + " failed on this target; restore the target or repair its schema history first");
            }
            ValidateResult validated = Flyway.configure(flyway.getConfiguration().getClassLoader())
                    .configuration(flyway.getConfiguration()).ignoreMigrationPatterns("*:pending").load()
                    .validateWithResult();
            if (!validated.validationSuccessful) {
                return CheckResult.fail("target schema", "the schema history does not match this version's"
                        + " migrations: " + validated.getAllErrorMessages().lines().findFirst().orElse(""));
            }
            MigrationInfo current = info.current();
            String at = current == null ? "an empty schema" : "version " + current.getVersion();
            List<MigrationInfo> pending = Arrays.asList(info.pending());
            if (pending.isEmpty()) {
                return CheckResult.pass("target schema", "up to date at " + at);
            }
            if (!canCreate) {
                return CheckResult.fail("target schema", pending.size() + " migration(s) pending (" + describe(pending)
                        + ") but " + db.username() + " may not create tables in the target schema");
            }
            return CheckResult.warn("target schema", pending.size() + " migration(s) pending on " + at + " ("
                    + describe(pending) + "); migrate applies them before the run");
        } catch (FlywayException e) {
            return CheckResult.fail("target schema", "cannot read the schema history: " + e.getMessage());
        }
    }

    private static String describe(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> "V" + m.getVersion() + " " + m.getDescription())
                .collect(Collectors.joining(", "));
    }
}
