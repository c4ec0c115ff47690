package uk.gov.bcpcouncil.clientindex.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;

/** Runs {@code run.sh}'s Java entry point in the test's JVM and keeps what it printed. */
public final class CommandLine {

    /** The exit code and everything printed to standard output and standard error. */
    public record Result(int exitCode, String output) {
    }

    private CommandLine() {
    }

    public static Result run(Map<String, Object> properties, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        new LinkedHashMap<>(properties).forEach((k, v) -> all.add("--" + k + "=" + v));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        try {
            int code = ClientIndexApplication.run(all.toArray(String[]::new));
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) {
            try {
                a.write(c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            synchronized (b) {
                try {
                    b.write(c);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }
}
