package uk.gov.bcpcouncil.clientindex.config;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Target schema versioning: Boot's Flyway runs the SQL migrations in {@code db/migration} together
 * with the Java migrations declared here (the Spring Batch tables), in version order.
 */
@Configuration(proxyBeanMethods = false)
public class FlywayConfig {

    @Bean
    JavaMigration springBatchMetadataMigration() {
        return new V1__SpringBatchMetadata();
    }
}
