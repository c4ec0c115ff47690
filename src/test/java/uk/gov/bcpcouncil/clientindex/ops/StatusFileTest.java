package uk.gov.bcpcouncil.clientindex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {

    @TempDir
    Path reports;

    static RunStatus status(String state, Integer exitCode) {
        return new RunStatus("2026-11-26-nightly", state, 7L, "2026-11-26T01:00:00Z", "2026-11-26T01:02:00Z",
                exitCode == null ? null : "2026-11-26T01:02:00Z", exitCode, null, "mapRecords", null, null, 42);
    }

    @Test
    void writesTheStatusAsJsonInTheRunsFolderAndReadsItBack() throws IOException {
        StatusFile file = StatusFile.of(reports, "2026-11-26-nightly");

        assertThat(file.write(status(RunStatus.RUNNING, null))).isTrue();

        assertThat(file.path()).isEqualTo(reports.resolve("2026-11-26-nightly/status.json"));
        assertThat(Files.readString(file.path())).contains("\"runId\" : \"2026-11-26-nightly\"",
                "\"state\" : \"RUNNING\"", "\"exitCode\" : null", "\"lastCompletedStep\" : \"mapRecords\"");
        assertThat(file.read()).contains(status(RunStatus.RUNNING, null));
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files).containsExactly(file.path()); // no temporary file left behind
        }
    }

    @Test
    void aCompletedRunsStatusIsNeverReplaced() {
        StatusFile file = StatusFile.of(reports, "2026-11-26-nightly");
        file.write(status("COMPLETED", 0));

        assertThat(file.write(status(RunStatus.PREFLIGHT_FAILED, 2))).isFalse();

        assertThat(file.read().orElseThrow().state()).isEqualTo("COMPLETED");
    }

    @Test
    void aStatusThatCannotBeWrittenIsLoggedNotThrown() throws IOException {
        Path blocked = Files.writeString(reports.resolve("not-a-folder"), "x");

        assertThat(new StatusFile(blocked.resolve("status.json")).write(status(RunStatus.RUNNING, null))).isFalse();
    }
}
