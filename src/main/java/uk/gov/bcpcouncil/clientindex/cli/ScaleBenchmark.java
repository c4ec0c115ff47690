package uk.gov.bcpcouncil.clientindex.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.extract.ChristchurchDelivery;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;

/**
 * Pieces of {@code benchmark scale}: a heap sampler, the per-step table of a job execution and the
 * reference time of a plain PostgreSQL {@code COPY} of the same legacy person rows.
 */
final class ScaleBenchmark {

    /** Columns of the COPY reference table: source, then up to this many text fields of the person row. */
    static final int COPY_FIELDS = 24;
    static final String COPY_TABLE = "ci_bench_copy_person";

    private ScaleBenchmark() {
    }

    /** Samples used heap every 20 ms (and after every GC via the pools' peak) until closed. */
    static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(p -> p.resetPeakUsage());
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** The largest used heap sampled. */
        long peakBytes() {
            return peak.get();
        }

        /** The largest committed heap (sum of the heap pools' peaks of committed memory). */
        long peakCommittedBytes() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getCommitted()).sum();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    record StepTime(String name, double seconds, long read, long written) {
    }

    static List<StepTime> steps(JobExecution execution) {
        List<StepTime> steps = new ArrayList<>();
        for (StepExecution s : execution.getStepExecutions().stream()
                .sorted(java.util.Comparator.comparing(StepExecution::getId)).toList()) {
            LocalDateTime start = s.getStartTime();
            LocalDateTime end = s.getEndTime();
            double seconds = start == null || end == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
            steps.add(new StepTime(s.getStepName(), seconds, s.getReadCount(), s.getWriteCount()));
        }
        return steps;
    }

    /** Times of the reference COPY taken; the median is the one reported. */
    static final int COPY_RUNS = 3;

    /**
     * Writes the person rows of the three legacy systems to a CSV file (not timed), then times a plain
     * {@code COPY ... FROM STDIN} of that file into a fresh logged table of text columns in the target
     * database, and drops the table; {@value #COPY_RUNS} times, on a quiet server (a checkpoint before each, after
     * waiting at most a minute for autovacuum workers busy with the tables the job has just written), since one COPY
     * of a few seconds measured while the server still flushed the job's writes varied by a fifth from run to run.
     * Returns the median seconds, the rows copied, then each run's seconds.
     */
    static double[] copyReference(DataSource bournemouth, DataSource poole, Path christchurchFolder, DataSource target,
            Path work) throws Exception {
        Path csv = work.resolve("copy-reference.csv");
        Files.createDirectories(work);
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            rows += dump(bournemouth, "SELECT * FROM client", "BOURNEMOUTH", out);
            rows += dump(poole, "SELECT * FROM poole.person", "POOLE", out);
            ChristchurchDelivery delivery = ChristchurchDelivery.newestComplete(christchurchFolder)
                    .orElseThrow(() -> new IllegalStateException("no complete Christchurch delivery"));
            try (BufferedReader in = Files.newBufferedReader(delivery.clientsFile(), ChristchurchFormat.CHARSET)) {
                in.readLine(); // header
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (ChristchurchFormat.isTrailer(line)) {
                        break;
                    }
                    String[] fields = ChristchurchFormat.split(line);
                    writeCsv(out, "CHRISTCHURCH", java.util.Arrays.asList(fields));
                    rows++;
                }
            }
        }
        JdbcTemplate jdbc = new JdbcTemplate(target);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + COPY_TABLE + " (source_system text");
        for (int i = 1; i <= COPY_FIELDS; i++) {
            ddl.append(", f").append(i).append(" text");
        }
        double[] result = new double[2 + COPY_RUNS];
        result[1] = rows;
        try {
            awaitAutovacuum(jdbc);
            for (int run = 0; run < COPY_RUNS; run++) {
                checkpoint(jdbc);
                jdbc.execute("DROP TABLE IF EXISTS " + COPY_TABLE);
                jdbc.execute(ddl + ")");
                try (Connection c = target.getConnection();
                        Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    c.setAutoCommit(true);
                    long started = System.nanoTime();
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + COPY_TABLE + " FROM STDIN (FORMAT csv)",
                            in);
                    result[2 + run] = (System.nanoTime() - started) / 1e9;
                }
            }
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS " + COPY_TABLE);
            Files.deleteIfExists(csv);
        }
        double[] sorted = java.util.Arrays.copyOfRange(result, 2, result.length);
        java.util.Arrays.sort(sorted);
        result[0] = sorted[sorted.length / 2];
        return result;
    }

    /** A checkpoint (flushing what is dirty), where the account may ask for one. */
    private static void checkpoint(JdbcTemplate jdbc) {
        try {
            jdbc.execute("CHECKPOINT");
        } catch (org.springframework.dao.DataAccessException e) {
            // not a superuser nor pg_checkpoint (a configured server): measured without it
        }
    }

    /** Waits (a minute at most) until no autovacuum worker is busy in this database. */
    private static void awaitAutovacuum(JdbcTemplate jdbc) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            Long busy = jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
                    + " AND datname = current_database()", Long.class);
            if (busy == null || busy == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static long dump(DataSource ds, String sql, String source, BufferedWriter out) throws Exception {
        long rows = 0;
        try (Connection c = ds.getConnection()) {
            boolean mysql = c.getMetaData().getURL().startsWith("jdbc:mysql");
            c.setAutoCommit(false);
            try (Statement s = mysql ? c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)
                    : c.createStatement()) {
                s.setFetchSize(mysql ? Integer.MIN_VALUE : 5000);
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    List<String> fields = new ArrayList<>(n);
                    while (rs.next()) {
                        fields.clear();
                        for (int i = 1; i <= n; i++) {
                            fields.add(rs.getString(i));
                        }
                        writeCsv(out, source, fields);
                        rows++;
                    }
                }
            }
            c.commit();
        }
        return rows;
    }

    private static void writeCsv(BufferedWriter out, String source, List<String> fields) throws IOException {
        if (fields.size() > COPY_FIELDS) {
            throw new IllegalStateException("a person row has more than " + COPY_FIELDS + " fields");
        }
        out.write(source);
        for (int i = 0; i < COPY_FIELDS; i++) {
            out.write(',');
            String f = i < fields.size() ? fields.get(i) : null;
            if (f != null) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            }
        }
        out.write('\n');
    }

    static String format(String label, double value) {
        return String.format(Locale.ROOT, "%-34s %10.1f", label, value);
    }
}
