package uk.gov.bcpcouncil.clientindex.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.bcpcouncil.clientindex.reconcile.ReportFiles;

/**
 * {@code <reports>/<run-id>/run.log}: everything the application logs while a run's command executes (a
 * logback file appender added to the root logger for that time), plus the lines the command prints for the
 * operator (through {@link #tee(PrintStream)}). Each attempt (a restart) appends to the same file. It holds
 * what the console shows: run IDs, step names, counts and reasons, never a child's data. Owner-only
 * permissions, like the reports beside it. Not thread-safe to open or close; logging into it from any
 * thread is safe (logback appenders are).
 */
public final class RunLogFile implements AutoCloseable {

    public static final String NAME = "run.log";
    static final String CONSOLE_LOGGER = "uk.gov.bcpcouncil.clientindex.console";
    private static final Logger log = LoggerFactory.getLogger(RunLogFile.class);

    private final Path file;
    private final FileAppender<ILoggingEvent> appender;

    private RunLogFile(Path file, FileAppender<ILoggingEvent> appender) {
        this.file = file;
        this.appender = appender;
    }

    /** Starts logging into {@code file}; when it cannot be written, warns and logs to the console only. */
    public static RunLogFile open(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new RunLogFile(file, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %-24.24logger{0} %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-log-" + file);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            log.warn("Could not open the run log {}; logging to the console only", file);
            return new RunLogFile(file, null);
        }
        try {
            ReportFiles.ownerOnly(file);
        } catch (IOException e) {
            log.warn("Could not make {} owner-only: {}", file, e.getMessage());
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ch.qos.logback.classic.Logger console = context.getLogger(CONSOLE_LOGGER);
        console.setAdditive(false);
        console.setLevel(Level.INFO);
        console.addAppender(appender);
        return new RunLogFile(file, appender);
    }

    /** No run log: the command logs to the console only. */
    public static RunLogFile none(Path file) {
        return new RunLogFile(file, null);
    }

    public Path path() {
        return file;
    }

    /** Writes a line into the log file only (not to the console). */
    public void record(String line) {
        if (appender != null) {
            LoggerFactory.getLogger(CONSOLE_LOGGER).info(line);
        }
    }

    /** A stream that prints to {@code console} and copies each complete line into the log file. */
    public PrintStream tee(PrintStream console) {
        if (appender == null) {
            return console;
        }
        Charset charset = Charset.defaultCharset();
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                console.write(b);
                if (b == '\n') {
                    record(line.toString(charset).stripTrailing());
                    line.reset();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void flush() {
                console.flush();
            }
        }, true, charset);
    }

    @Override
    public void close() {
        if (appender == null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        context.getLogger(CONSOLE_LOGGER).detachAppender(appender);
        appender.stop();
    }
}
