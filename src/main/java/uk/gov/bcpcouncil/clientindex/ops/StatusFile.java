package uk.gov.bcpcouncil.clientindex.ops;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code <reports>/<run-id>/status.json}, for a monitoring system to poll. Each write goes to a temporary
 * file in the same folder and is renamed over the old one, so a reader never sees half a file. The status
 * of a completed run is final and never replaced. A write that fails is logged, never thrown: monitoring
 * must not break a run. Thread-safe: writes through one instance are serialised.
 */
public final class StatusFile {

    public static final String NAME = "status.json";
    private static final Logger log = LoggerFactory.getLogger(StatusFile.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    public StatusFile(Path file) {
        this.file = file;
    }

    public static StatusFile of(Path reports, String runId) {
        return new StatusFile(reports.resolve(runId).resolve(NAME));
    }

    public Path path() {
        return file;
    }

    /** Writes {@code status} unless the file holds a completed run's status; true when written. */
    public synchronized boolean write(RunStatus status) {
        try {
            if (read().map(RunStatus::completed).orElse(false)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(NAME + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(status) + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | JacksonException e) {
            log.warn("Could not write {}: {}", file, e.getMessage());
            return false;
        }
    }

    public Optional<RunStatus> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunStatus.class));
        } catch (JacksonException e) {
            log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
