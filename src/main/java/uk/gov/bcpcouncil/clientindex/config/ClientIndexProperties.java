package uk.gov.bcpcouncil.clientindex.config;

import java.nio.file.Path;
import java.time.Duration;

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
 * @param progress  how often long steps report progress
 * @param alert     who is told when a run ends (off unless set)
 */
@ConfigurationProperties("clientindex")
public record ClientIndexProperties(Sources sources, Database target, Reports reports, Mappings mappings,
        Integer chunkSize, Progress progress, Alert alert) {

    public ClientIndexProperties {
        sources = sources == null ? new Sources(null, null, null) : sources;
        target = target == null ? new Database(null, null, null) : target;
        reports = reports == null ? new Reports(null) : reports;
        mappings = mappings == null ? new Mappings(null) : mappings;
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        progress = progress == null ? new Progress(null) : progress;
        alert = alert == null ? new Alert(null, null, null) : alert;
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

    /** @param interval the least time between two progress lines of a step (default 10 s) */
    public record Progress(Duration interval) {
        public Progress {
            interval = interval == null ? Duration.ofSeconds(10) : interval;
        }
    }

    /**
     * Run-end alerting, off by default.
     *
     * @param command    a program (with arguments, split on spaces) run with the status file's path appended
     * @param webhookUrl an http(s) URL the status JSON is POSTed to
     * @param timeout    the most either may take (default 30 s); a hook never changes the exit code
     */
    public record Alert(String command, String webhookUrl, Duration timeout) {
        public Alert {
            command = command == null || command.isBlank() ? null : command.trim();
            webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        }
    }
}
