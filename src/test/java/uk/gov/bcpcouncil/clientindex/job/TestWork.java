package uk.gov.bcpcouncil.clientindex.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary working folders of the job tests. */
final class TestWork {

    private TestWork() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory("clientindex-" + prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
