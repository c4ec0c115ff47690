package uk.gov.bcpcouncil.clientindex.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;
import uk.gov.bcpcouncil.clientindex.config.DataSourceConfig;
import uk.gov.bcpcouncil.clientindex.generate.GenerationResult;
import uk.gov.bcpcouncil.clientindex.generate.GeneratorSettings;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataGenerator;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataMutator;

/**
 * {@code generate}: synthetic legacy data into the configured Bournemouth and Poole databases and a
 * Christchurch delivery into the configured folder, with {@value #TRUTH_FILE} beside the delivery. For
 * test and demo systems only: it writes to the legacy databases, so it opens its own writable pools.
 */
@Component
public class GenerateCommand {

    public static final String TRUTH_FILE = "ground-truth.csv";

    private final ClientIndexProperties properties;

    public GenerateCommand(ClientIndexProperties properties) {
        this.properties = properties;
    }

    public int generate(int children, long seed) throws Exception {
        Path directory = properties.sources().christchurch().directory();
        if (directory == null) {
            throw new ConfigurationException("clientindex.sources.christchurch.directory is not set");
        }
        Files.createDirectories(directory);
        GeneratorSettings settings = GeneratorSettings.defaults(children, seed);
        System.out.println("Generating synthetic legacy data with these settings:");
        System.out.println(settings.describe());
        try (HikariDataSource bournemouth = DataSourceConfig.pool("generate-bournemouth",
                "clientindex.sources.bournemouth", properties.sources().bournemouth(), 2, properties.connections());
                HikariDataSource poole = DataSourceConfig.pool("generate-poole", "clientindex.sources.poole",
                        properties.sources().poole(), 2, properties.connections())) {
            long started = System.nanoTime();
            GenerationResult result = new LegacyDataGenerator().generate(settings, bournemouth, poole, directory,
                    directory.resolve(TRUTH_FILE));
            System.out.printf("Generated %d children in %.1f s: %s%n", children, (System.nanoTime() - started) / 1e9,
                    result);
            System.out.println("Ground truth: " + directory.resolve(TRUTH_FILE).toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    /** {@code generate --mutate-percent P}: changes P% of the legacy records (see {@link LegacyDataMutator}). */
    public int mutate(double percent, long seed) throws Exception {
        if (percent < 0 || percent > 100) {
            throw new ConfigurationException("--mutate-percent must be between 0 and 100, got " + percent);
        }
        Path directory = properties.sources().christchurch().directory();
        try (HikariDataSource bournemouth = DataSourceConfig.pool("generate-bournemouth",
                "clientindex.sources.bournemouth", properties.sources().bournemouth(), 2, properties.connections());
                HikariDataSource poole = DataSourceConfig.pool("generate-poole", "clientindex.sources.poole",
                        properties.sources().poole(), 2, properties.connections())) {
            LegacyDataMutator.Changes changes = new LegacyDataMutator().mutate(percent, seed, bournemouth, poole,
                    directory);
            System.out.println("Changed the legacy data: " + changes);
        }
        return ExitCodes.OK;
    }
}
