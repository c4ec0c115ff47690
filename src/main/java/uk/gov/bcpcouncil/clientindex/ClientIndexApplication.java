package uk.gov.bcpcouncil.clientindex;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;
import uk.gov.bcpcouncil.clientindex.infra.EmbeddedServers;

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

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
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
            if (benchmark && !"generated".equals(options.get("dataset"))) {
                return BenchmarkCommand.febrl(String.valueOf(options.get("dataset")), args); // FEBRL: no database
            }
            Map<String, Object> properties = new HashMap<>();
            if (options.command().equals("demo") || options.flag("demo") || benchmark) {
                Path folder = benchmark ? BENCHMARK_FOLDER : DEMO_FOLDER;
                if (!options.flag("demo")) {
                    Demo.clean(folder);
                }
                System.out.println("Starting embedded PostgreSQL and MariaDB in " + folder.toAbsolutePath());
                servers = EmbeddedServers.start(folder);
                properties.putAll(servers.properties());
            }
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientIndexApplication.class)
                    .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
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
