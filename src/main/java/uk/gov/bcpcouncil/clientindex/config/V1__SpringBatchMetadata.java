package uk.gov.bcpcouncil.clientindex.config;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Flyway migration 1: the Spring Batch job repository tables, created from the DDL script shipped in
 * the spring-batch-core jar for PostgreSQL, so the target schema has one versioned history.
 * A later Spring Batch upgrade that changes its tables gets a migration of its own.
 */
public class V1__SpringBatchMetadata extends BaseJavaMigration {

    static final String SCRIPT = "org/springframework/batch/core/schema-postgresql.sql";

    @Override
    public void migrate(Context context) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(SCRIPT));
        populator.setSeparator(ScriptUtils.DEFAULT_STATEMENT_SEPARATOR);
        populator.populate(context.getConnection());
    }

    @Override
    public Integer getChecksum() {
        return 6_0; // Spring Batch 6.0 schema
    }
}
