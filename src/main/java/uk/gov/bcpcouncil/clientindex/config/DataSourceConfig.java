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
 * <p>Every pool is bounded in time ({@code clientindex.connections.*}): a new connection, and the wait for one
 * from the pool, take at most the connect timeout; a database call waits for an answer at most the socket
 * timeout (TCP keep-alive on), so a database that goes away ends the step with an error instead of hanging it.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

    public static final String BOURNEMOUTH = "bournemouthDataSource";
    public static final String POOLE = "pooleDataSource";

    @Bean
    @Primary
    public HikariDataSource dataSource(ClientIndexProperties properties) {
        HikariDataSource ds = pool("clientindex-target", "clientindex.target", properties.target(), 6,
                properties.connections());
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        ds.addDataSourceProperty("ApplicationName", "clientindex");
        return ds;
    }

    @Bean(name = BOURNEMOUTH, defaultCandidate = false)
    @Lazy
    @Qualifier(BOURNEMOUTH)
    public HikariDataSource bournemouthDataSource(ClientIndexProperties properties) {
        HikariDataSource ds = pool("bournemouth-legacy", "clientindex.sources.bournemouth",
                properties.sources().bournemouth(), 3, properties.connections());
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
        HikariDataSource ds = pool("poole-legacy", "clientindex.sources.poole", properties.sources().poole(), 3,
                properties.connections());
        ds.setReadOnly(true);
        ds.addDataSourceProperty("ApplicationName", "clientindex-extract");
        return ds;
    }

    public static HikariDataSource pool(String name, String prefix, ClientIndexProperties.Database db, int size,
            ClientIndexProperties.Connections timeouts) {
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
        long connectMs = Math.max(250, timeouts.connectTimeout().toMillis());
        long socketMs = Math.max(1000, timeouts.socketTimeout().toMillis());
        ds.setConnectionTimeout(connectMs);
        ds.setValidationTimeout(Math.min(5_000, Math.max(250, connectMs / 2)));
        if (db.url().startsWith("jdbc:postgresql:")) {
            long connectS = Math.max(1, (connectMs + 999) / 1000);
            ds.addDataSourceProperty("connectTimeout", String.valueOf(connectS));
            ds.addDataSourceProperty("loginTimeout", String.valueOf(connectS));
            ds.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, socketMs / 1000)));
            ds.addDataSourceProperty("tcpKeepAlive", "true");
            // Server error details can quote row values (a key in a constraint violation): keep them out of
            // exceptions, and so out of logs.
            ds.addDataSourceProperty("logServerErrorDetail", "false");
        } else if (db.url().startsWith("jdbc:mysql:") || db.url().startsWith("jdbc:mariadb:")) {
            ds.addDataSourceProperty("connectTimeout", String.valueOf(connectMs));
            ds.addDataSourceProperty("socketTimeout", String.valueOf(socketMs));
            ds.addDataSourceProperty("tcpKeepAlive", "true");
        }
        return ds;
    }
}
