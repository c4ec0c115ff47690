package uk.gov.bcpcouncil.clientindex.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the job, bound from {@code clientindex.*} properties or the matching environment
 * variables ({@code CLIENTINDEX_SOURCES_BOURNEMOUTH_URL} ...). Credentials only ever come from here.
 *
 * @param sources  the three legacy systems
 * @param target   the target PostgreSQL (staging, client index, Spring Batch job repository)
 * @param reports  where reconciliation reports are written
 * @param mappings where the declarative mappings live
 * @param chunkSize records per chunk (one transaction and one checkpoint each)
 */
@ConfigurationProperties("clientindex")
public record ClientIndexProperties(Sources sources, Database target, Reports reports, Mappings mappings,
        Integer chunkSize) {

    public ClientIndexProperties {
        sources = sources == null ? new Sources(null, null, null) : sources;
        target = target == null ? new Database(null, null, null) : target;
        reports = reports == null ? new Reports(null) : reports;
        mappings = mappings == null ? new Mappings(null) : mappings;
        chunkSize = chunkSize == null ? 1000 : chunkSize;
    }

    public record Sources(Database bournemouth, Database poole, Christchurch christchurch) {
        public Sources {
            bournemouth = bournemouth == null ? new Database(null, null, null) : bournemouth;
            poole = poole == null ? new Database(null, null, null) : poole;
            christchurch = christchurch == null ? new Christchurch(null) : christchurch;
        }
    }

    /** A JDBC connection: URL, user name and password. {@link #toString()} never shows the password. */
    public record Database(String url, String username, String password) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "" : "***") + "]";
        }
    }

    /** @param directory the folder Dorset delivers extract files into; the newest complete delivery is used */
    public record Christchurch(Path directory) {
    }

    public record Reports(Path directory) {
        public Reports {
            directory = directory == null ? Path.of("reconciliation-reports") : directory;
        }
    }

    public record Mappings(Path directory) {
        public Mappings {
            directory = directory == null ? Path.of("mappings") : directory;
        }
    }
}
