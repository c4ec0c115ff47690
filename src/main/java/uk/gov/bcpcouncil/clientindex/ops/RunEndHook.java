package uk.gov.bcpcouncil.clientindex.ops;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Alert;

/**
 * Tells someone a run ended (completed or failed), when configured; off by default.
 * <ul>
 * <li>{@code clientindex.alert.command}: run with the status file's path as its last argument and
 * {@code CLIENTINDEX_RUN_ID}, {@code CLIENTINDEX_RUN_STATE}, {@code CLIENTINDEX_EXIT_CODE} in its
 * environment; its output is appended to {@code alert.log} beside the status file.</li>
 * <li>{@code clientindex.alert.webhook-url}: the status JSON is POSTed to it
 * ({@code Content-Type: application/json}).</li>
 * </ul>
 * Each is given {@code clientindex.alert.timeout}. A hook that fails or times out is logged and never
 * changes the run's exit code. The webhook URL (which may carry a secret) is never logged, only its host.
 * Thread-safe (no mutable state).
 */
public final class RunEndHook {

    public static final String OUTPUT_FILE = "alert.log";
    private static final Logger log = LoggerFactory.getLogger(RunEndHook.class);

    private final Alert alert;

    public RunEndHook(Alert alert) {
        this.alert = alert;
    }

    public void runEnded(Path statusFile, RunStatus status) {
        if (alert.command() != null) {
            runCommand(statusFile, status);
        }
        if (alert.webhookUrl() != null) {
            post(statusFile);
        }
    }

    private void runCommand(Path statusFile, RunStatus status) {
        List<String> command = new ArrayList<>(Arrays.asList(alert.command().split("\\s+")));
        command.add(statusFile.toAbsolutePath().toString());
        Path output = statusFile.resolveSibling(OUTPUT_FILE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("CLIENTINDEX_RUN_ID", status.runId());
        builder.environment().put("CLIENTINDEX_RUN_STATE", status.state());
        builder.environment().put("CLIENTINDEX_EXIT_CODE", String.valueOf(status.exitCode()));
        try {
            Process process = builder.start();
            if (!process.waitFor(alert.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("Alert command {} did not finish within {} s and was stopped", command.get(0),
                        alert.timeout().toSeconds());
            } else if (process.exitValue() != 0) {
                log.warn("Alert command {} exited {} (its output is in {})", command.get(0), process.exitValue(), output);
            } else {
                log.info("Alert command {} run for {} {}", command.get(0), status.runId(), status.state());
            }
        } catch (IOException e) {
            log.warn("Alert command {} could not be started: {}", command.get(0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for alert command {}", command.get(0));
        }
    }

    private void post(Path statusFile) {
        URI uri = URI.create(alert.webhookUrl());
        String host = uri.getHost();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(alert.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(alert.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(statusFile)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                log.info("Alert webhook on {} answered HTTP {}", host, response.statusCode());
            } else {
                log.warn("Alert webhook on {} answered HTTP {}", host, response.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Alert webhook on {} failed: {}", host, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while calling the alert webhook on {}", host);
        }
    }

    /** The program as a path when it is executable, directly or on PATH; null otherwise. */
    static Path resolveProgram(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
