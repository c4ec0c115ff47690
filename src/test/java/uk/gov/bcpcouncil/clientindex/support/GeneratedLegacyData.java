package uk.gov.bcpcouncil.clientindex.support;

import java.nio.file.Files;
import java.nio.file.Path;

import uk.gov.bcpcouncil.clientindex.generate.GenerationResult;
import uk.gov.bcpcouncil.clientindex.generate.GeneratorSettings;
import uk.gov.bcpcouncil.clientindex.generate.LegacyDataGenerator;

/** Fills a test environment's legacy databases and a delivery folder with generated children. */
public final class GeneratedLegacyData {

    private GeneratedLegacyData() {
    }

    public static GenerationResult generate(TestEnvironment env, Path christchurchDir, Path truthCsv, int children,
            long seed) {
        try {
            Files.createDirectories(christchurchDir);
            return new LegacyDataGenerator().generate(GeneratorSettings.defaults(children, seed),
                    env.bournemouthAdmin(), env.pooleAdmin(), christchurchDir, truthCsv);
        } catch (Exception e) {
            throw new IllegalStateException("generating legacy data failed: " + e.getMessage(), e);
        }
    }
}
