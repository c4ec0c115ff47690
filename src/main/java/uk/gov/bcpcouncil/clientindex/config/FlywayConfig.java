package uk.gov.bcpcouncil.clientindex.config;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Target schema versioning: Boot's Flyway runs the SQL migrations in {@code db/migration} together
 * with the Java migrations declared here (the Spring Batch tables), in version order. At start-up unless
 * {@value #MIGRATE_ON_START} is false: {@code check} must change nothing, and {@code migrate} and
 * {@code restart} migrate after their preflight.
 */
@Configuration(proxyBeanMethods = false)
public class FlywayConfig {

    public static final String MIGRATE_ON_START = "clientindex.schema.migrate-on-start";

    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(@Value("${" + MIGRATE_ON_START + ":true}") boolean migrate) {
        return flyway -> {
            if (migrate) {
                flyway.migrate();
            }
        };
    }

    @Bean
    JavaMigration springBatchMetadataMigration() {
        return new V1__SpringBatchMetadata();
    }
}
