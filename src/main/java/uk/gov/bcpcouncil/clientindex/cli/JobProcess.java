package uk.gov.bcpcouncil.clientindex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;

/**
 * Starts the job as a child process of this JVM, the way {@code run.sh} runs it: {@code java -jar} the packaged
 * jar when this JVM runs from it, otherwise the application class on this JVM's class path (tests). Its
 * output is appended to a log file. For the kill-and-restart harness and the reliability benchmark, which
 * kill it with real signals ({@link Process#destroyForcibly()} is SIGKILL, {@link Process#destroy()} SIGTERM).
 */
public final class JobProcess {

    private JobProcess() {
    }

    public static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            cmd.addAll(List.of("-jar", classPath));
        } else {
            cmd.addAll(List.of("-cp", classPath, ClientIndexApplication.class.getName()));
        }
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
