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
 * @param connections timeouts of every database connection, so that a database that goes away never hangs a run
 * @param retry     how often a run retries from its last checkpoint after a transient database error
 */
@ConfigurationProperties("clientindex")
public record ClientIndexProperties(Sources sources, Database target, Reports reports, Mappings mappings,
        Integer chunkSize, Progress progress, Alert alert, Connections connections, Retry retry) {

    /** The reject limit of a source when none is set: malformed rows accepted (and rejected) before the run fails. */
    public static final int DEFAULT_REJECT_LIMIT = 1000;

    public ClientIndexProperties {
        sources = sources == null ? new Sources(null, null, null) : sources;
        target = target == null ? new Database(null, null, null, null) : target;
        reports = reports == null ? new Reports(null) : reports;
        mappings = mappings == null ? new Mappings(null) : mappings;
        chunkSize = chunkSize == null ? 5000 : chunkSize;
        progress = progress == null ? new Progress(null) : progress;
        alert = alert == null ? new Alert(null, null, null) : alert;
        connections = connections == null ? new Connections(null, null) : connections;
        retry = retry == null ? new Retry(null, null) : retry;
    }

    public record Sources(Database bournemouth, Database poole, Christchurch christchurch) {
        public Sources {
            bournemouth = bournemouth == null ? new Database(null, null, null, null) : bournemouth;
            poole = poole == null ? new Database(null, null, null, null) : poole;
            christchurch = christchurch == null ? new Christchurch(null, null) : christchurch;
        }
    }

    /**
     * A JDBC connection: URL, user name and password. {@link #toString()} never shows the password.
     *
     * @param rejectLimit for a legacy source: how many malformed rows may be rejected (with a reason) before
     *                    the run fails; default {@value ClientIndexProperties#DEFAULT_REJECT_LIMIT}; unused for the target
     */
    public record Database(String url, String username, String password, Integer rejectLimit) {
        public Database {
            rejectLimit = rejectLimit == null ? DEFAULT_REJECT_LIMIT : rejectLimit;
            if (rejectLimit < 0) {
                throw new ConfigurationException("a reject-limit must be 0 or more, not " + rejectLimit);
            }
        }

        public boolean configured() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "" : "***") + "]";
        }
    }

    /**
     * @param directory   the folder Dorset delivers extract files into; the newest complete delivery is used
     * @param rejectLimit how many malformed lines may be rejected (with a reason) before the run fails
     */
    public record Christchurch(Path directory, Integer rejectLimit) {
        public Christchurch {
            rejectLimit = rejectLimit == null ? DEFAULT_REJECT_LIMIT : rejectLimit;
            if (rejectLimit < 0) {
                throw new ConfigurationException("clientindex.sources.christchurch.reject-limit must be 0 or more");
            }
        }
    }

    /** The reject limit of each legacy source. */
    public java.util.Map<uk.gov.bcpcouncil.clientindex.SourceSystem, Integer> rejectLimits() {
        java.util.Map<uk.gov.bcpcouncil.clientindex.SourceSystem, Integer> limits =
                new java.util.EnumMap<>(uk.gov.bcpcouncil.clientindex.SourceSystem.class);
        limits.put(uk.gov.bcpcouncil.clientindex.SourceSystem.BOURNEMOUTH, sources.bournemouth().rejectLimit());
        limits.put(uk.gov.bcpcouncil.clientindex.SourceSystem.POOLE, sources.poole().rejectLimit());
        limits.put(uk.gov.bcpcouncil.clientindex.SourceSystem.CHRISTCHURCH, sources.christchurch().rejectLimit());
        return limits;
    }

    /**
     * Timeouts of every connection pool (target and legacy), so that a database that stops answering ends the
     * run instead of hanging it.
     *
     * @param connectTimeout the most a new connection may take, and the most a step waits for one from its
     *                       pool (default 10 s)
     * @param socketTimeout  the most a single database call may wait for an answer (default 30 min: above the
     *                       longest statement of a large run; lower it to notice a silent network loss sooner)
     */
    public record Connections(Duration connectTimeout, Duration socketTimeout) {
        public Connections {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            socketTimeout = socketTimeout == null ? Duration.ofMinutes(30) : socketTimeout;
        }
    }

    /**
     * Retries after a transient database error (a dropped or refused connection, a server shutting down): the
     * run resumes from its last checkpoint, after {@code backoff}, doubled at each retry.
     *
     * @param limit   retries per launch (default 3; 0 turns retrying off)
     * @param backoff the wait before the first retry (default 5 s)
     */
    public record Retry(Integer limit, Duration backoff) {
        public Retry {
            limit = limit == null ? 3 : limit;
            backoff = backoff == null ? Duration.ofSeconds(5) : backoff;
            if (limit < 0) {
                throw new ConfigurationException("clientindex.retry.limit must be 0 or more");
            }
        }
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
