package uk.gov.bcpcouncil.clientindex.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/**
 * Connection pools: the target PostgreSQL (primary: Flyway, the Spring Batch job repository and every
 * writer share it and its transaction manager, so a chunk and its checkpoint commit together) and one
 * read-only pool per legacy database. Legacy pools are lazy: a command that does not read a legacy
 * system never connects to it. Pools connect on first use, not at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

    public static final String BOURNEMOUTH = "bournemouthDataSource";
    public static final String POOLE = "pooleDataSource";

    @Bean
    @Primary
    public HikariDataSource dataSource(ClientIndexProperties properties) {
        HikariDataSource ds = pool("clientindex-target", "clientindex.target", properties.target(), 6);
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        ds.addDataSourceProperty("ApplicationName", "clientindex");
        return ds;
    }

    @Bean(name = BOURNEMOUTH, defaultCandidate = false)
    @Lazy
    @Qualifier(BOURNEMOUTH)
    public HikariDataSource bournemouthDataSource(ClientIndexProperties properties) {
        HikariDataSource ds = pool("bournemouth-legacy", "clientindex.sources.bournemouth",
                properties.sources().bournemouth(), 3);
        ds.setReadOnly(true);
        // Dates of birth are free text; zero dates elsewhere must not break the reader.
        ds.addDataSourceProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        ds.addDataSourceProperty("characterEncoding", "UTF-8");
        ds.addDataSourceProperty("connectionTimeZone", "LOCAL");
        return ds;
    }

    @Bean(name = POOLE, defaultCandidate = false)
    @Lazy
    @Qualifier(POOLE)
    public HikariDataSource pooleDataSource(ClientIndexProperties properties) {
        HikariDataSource ds = pool("poole-legacy", "clientindex.sources.poole", properties.sources().poole(), 3);
        ds.setReadOnly(true);
        ds.addDataSourceProperty("ApplicationName", "clientindex-extract");
        return ds;
    }

    public static HikariDataSource pool(String name, String prefix, ClientIndexProperties.Database db, int size) {
        if (!db.configured()) {
            throw new ConfigurationException(prefix + ".url is not set (environment variable "
                    + prefix.toUpperCase().replace('.', '_') + "_URL)");
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.username());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(size);
        ds.setMinimumIdle(0);
        ds.setConnectionTimeout(15_000);
        ds.setValidationTimeout(5_000);
        return ds;
    }
}
