package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The run's report folder and its owner-only permissions (reports hold record identifiers). */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static Path runDirectory(Path reports, String runId) throws IOException {
        Path dir = reports.resolve(runId);
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    public static void ownerOnly(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
