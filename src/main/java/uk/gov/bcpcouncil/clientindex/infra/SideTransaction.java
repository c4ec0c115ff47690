package uk.gov.bcpcouncil.clientindex.infra;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes done on a second connection, in a transaction of its own, by a thread of its own, so that a second
 * PostgreSQL backend does them beside the step's: a step whose writes are bound by its one backend spreads them
 * over two. Work is queued in order ({@link #submit}, at most {@code capacity} pieces waiting: bounded memory) and
 * run in that order; {@link #commit} waits for the last piece and commits. Nothing commits unless {@link #commit}
 * is reached: a failure of any piece, or {@link #close} before {@link #commit}, rolls the side transaction back.
 * <p>The side transaction commits before the step's own: when the step's transaction then fails, the side's rows
 * stay committed, so the side's work must be idempotent on its own (delete-then-write of the run's rows, as its
 * first piece). Thread safety: {@link #submit} is called by one thread at a time (the step's, or a thread it hands
 * the queueing to and joins before committing), {@link #commit} and {@link #close} by the step's; the pieces run on
 * the side thread, which binds the side connection (Spring's {@code DataSourceUtils} finds it there).
 */
public final class SideTransaction implements AutoCloseable {

    /** A piece of work on the side connection (through the {@code DataSource}, as in any Spring transaction). */
    public interface Work {
        void run() throws Exception;
    }

    private static final Work END = () -> {
    };

    private final BlockingQueue<Work> queue;
    private final ExecutorService thread;
    private final Future<Void> done;
    private boolean committed;

    public SideTransaction(DataSource dataSource, String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.done = thread.submit(() -> tx.execute(status -> {
            try {
                for (Work w = queue.take(); w != END; w = queue.take()) {
                    w.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("side transaction interrupted: rolled back", e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("side transaction failed: rolled back", e);
            }
            return null;
        }));
    }

    /** Queues a piece of work, waiting while the queue is full; fails at once when the side has failed. */
    public void submit(Work work) throws InterruptedException {
        while (!queue.offer(work, 1, TimeUnit.SECONDS)) {
            if (done.isDone()) {
                await(); // rethrows the side's failure
                throw new IllegalStateException("side transaction ended before its work was queued");
            }
        }
        if (done.isDone()) {
            await();
        }
    }

    /** Waits for the queued work and commits the side transaction; rethrows the side's failure (rolled back). */
    public void commit() throws InterruptedException {
        submit(END);
        await();
        committed = true;
    }

    private void await() throws InterruptedException {
        try {
            done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("side transaction failed", cause);
        }
    }

    /** Rolls the side transaction back unless it committed (the side thread is interrupted), and ends the thread. */
    @Override
    public void close() {
        if (!committed) {
            done.cancel(true);
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES); // the rollback, once a COPY under way has returned
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
