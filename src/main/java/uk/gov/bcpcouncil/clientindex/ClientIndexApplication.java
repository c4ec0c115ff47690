package uk.gov.bcpcouncil.clientindex;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import uk.gov.bcpcouncil.clientindex.cli.BenchmarkCommand;
import uk.gov.bcpcouncil.clientindex.cli.CliOptions;
import uk.gov.bcpcouncil.clientindex.cli.Commands;
import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.cli.ReliabilityBenchmark;
import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;
import uk.gov.bcpcouncil.clientindex.config.FlywayConfig;
import uk.gov.bcpcouncil.clientindex.infra.EmbeddedServers;
import uk.gov.bcpcouncil.clientindex.job.GracefulStop;

/**
 * Entry point of {@code run.sh}: parses the command, starts the embedded demo databases when asked,
 * runs the command in a Spring Boot context and exits with the design brief's exit code.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClientIndexApplication {

    /** Where {@code demo} keeps its embedded databases' data so later commands can reopen them. */
    public static final Path DEMO_FOLDER = Path.of(".demo");
    /** Where {@code benchmark generated} keeps its embedded databases (emptied at each start). */
    public static final Path BENCHMARK_FOLDER = Path.of(".benchmark");
    /** Where {@code benchmark reliability} keeps its embedded databases and logs (emptied at each start). */
    public static final Path RELIABILITY_FOLDER = Path.of(".benchmark-reliability");

    /** How long a SIGTERM waits for the current chunk to finish before the JVM exits anyway. */
    static final long STOP_GRACE_SECONDS = 120;

    /** Commands that run the preflight before the target schema is touched. */
    private static final java.util.Set<String> PREFLIGHTED = java.util.Set.of("check", "migrate", "restart", "demo");

    public static void main(String[] args) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopGracefully(finished), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = run(args);
        } finally {
            finished.countDown();
        }
        System.exit(code);
    }

    /**
     * On SIGTERM (or Ctrl-C): ask the running step to stop at its next chunk boundary, and keep the JVM up
     * until the command has finished, recorded the run as STOPPED and closed its connections.
     */
    private static void stopGracefully(CountDownLatch finished) {
        if (finished.getCount() == 0) {
            return; // a normal exit
        }
        System.err.println("Stop requested: finishing the current chunk, then stopping; ./run.sh restart resumes");
        GracefulStop.INSTANCE.request();
        try {
            if (!finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("The run did not stop within " + STOP_GRACE_SECONDS
                        + " s; exiting anyway (./run.sh restart recovers it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int run(String[] args) {
        GracefulStop.INSTANCE.reset();
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.err.println(CliOptions.USAGE);
            return ExitCodes.CONFIGURATION;
        }
        EmbeddedServers servers = null;
        try {
            boolean benchmark = options.command().equals("benchmark");
            if (benchmark && "reliability".equals(options.get("dataset"))) {
                Demo.clean(RELIABILITY_FOLDER);
                return ReliabilityBenchmark.run(options, RELIABILITY_FOLDER); // child JVMs; no context here
            }
            boolean scale = benchmark && "scale".equals(options.get("dataset"));
            if (benchmark && !scale && !"generated".equals(options.get("dataset"))
                    && !"incremental".equals(options.get("dataset"))) {
                return BenchmarkCommand.febrl(String.valueOf(options.get("dataset")), args); // FEBRL: no database
            }
            Map<String, Object> properties = new HashMap<>();
            // Beans are made when first used, so a command that needs no target (generate) or must report an
            // unreachable one (check, migrate, restart: the preflight) starts without connecting to it.
            properties.put("spring.main.lazy-initialization", "true");
            if (options.command().equals("worker")) {
                // a worker never migrates the schema: its manager did, before sending partitions
                properties.put(FlywayConfig.MIGRATE_ON_START, "false");
                properties.put("clientindex.partitioning.worker", "true");
            }
            if (PREFLIGHTED.contains(options.command())) {
                // check changes nothing; migrate and restart apply the migrations after their preflight.
                properties.put(FlywayConfig.MIGRATE_ON_START, "false");
            }
            // benchmark scale --configured: the configured servers; otherwise the embedded ones
            if (options.command().equals("demo") || options.flag("demo") || (benchmark && !options.flag("configured"))) {
                Path folder = benchmark ? BENCHMARK_FOLDER : DEMO_FOLDER;
                if (!options.flag("demo") && !(scale && options.flag("reuse"))) {
                    Demo.clean(folder);
                }
                System.out.println("Starting embedded PostgreSQL and MariaDB in " + folder.toAbsolutePath());
                servers = EmbeddedServers.start(folder);
                properties.putAll(servers.properties());
            }
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientIndexApplication.class)
                    .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(properties).run(args)) {
                return context.getBean(Commands.class).execute(options);
            }
        } catch (Exception e) {
            ConfigurationException config = find(e, ConfigurationException.class);
            if (config != null) {
                System.err.println("Configuration error: " + config.getMessage() + " (exit 2)");
                return ExitCodes.CONFIGURATION;
            }
            System.err.println("Could not start: " + e.getMessage() + " (exit 2)");
            return ExitCodes.CONFIGURATION;
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
