package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.gov.bcpcouncil.clientindex.infra.PgSettings;

/**
 * Report work that only reads what earlier steps committed, run on one background thread beside the step's
 * own, each piece in its own read-only transaction on its own connection (so a streaming query really
 * streams: PostgreSQL cursors need a transaction). The reconcile step's writes stay in the step's
 * transaction on the step's thread.
 * <p>Thread safety: {@link #submit} and {@link #await} are called by the step's thread only; the work runs
 * on the single background thread, in submission order; each piece's time is kept under its name
 * ({@link #took}). Started and closed within one step execution.
 */
final class ParallelReads implements AutoCloseable {


    /** A piece of read-only work given its own JdbcTemplate. */
    interface Work<T> {
        T run(JdbcTemplate jdbc) throws IOException;
    }

    private final DataSource dataSource;
    private final ExecutorService thread;
    private final Map<String, Long> took = Collections.synchronizedMap(new LinkedHashMap<>());

    ParallelReads(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    <T> Future<T> submit(String name, Work<T> work) {
        return thread.submit(() -> {
            long started = System.nanoTime();
            try {
                return run(work);
            } finally {
                took.put(name, (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    /** How long each piece that ended took, in milliseconds, in the order they ended (for the step's log). */
    String took() {
        return took.toString();
    }

    private <T> T run(Work<T> work) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.setReadOnly(true);
        return tx.execute(status -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute(PgSettings.LARGE_WORK_MEM);
            jdbc.execute(PgSettings.NO_PARALLEL_WORKERS);
            try {
                return work.run(jdbc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The work's result; its failure rethrown as it was thrown (IOException included). */
    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("writing the report failed", cause);
        }
    }

    /** {@link #await} for a {@code Supplier}: an IOException comes wrapped in an UncheckedIOException. */
    static <T> T awaitUnchecked(Future<T> future) {
        try {
            return await(future);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
