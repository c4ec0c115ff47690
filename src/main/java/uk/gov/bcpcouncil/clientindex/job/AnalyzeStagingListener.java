package uk.gov.bcpcouncil.clientindex.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refreshes the planner statistics of run-scoped tables filled in bulk, before the step that reads them: stale
 * statistics make PostgreSQL choose slow plans. Harmless to repeat. (The staging partition is analysed by
 * {@code indexStaging}, once its indexes are built.) Used for {@code ci_mapped_record} (whole: a column list would
 * leave autovacuum to analyse the whole table again; its columns' statistics target, 10 since V20, keeps the sample of
 * its wide rows small) before {@code resolveSourceMerges}: an incremental run copies most
 * of it in one statement, and the merge query then needs fresh statistics. And before {@code buildClientIndex}
 * and {@code reconcile}, for the tables the steps before them filled: without statistics PostgreSQL planned the
 * report's join of accepted pairs to the index as a nested loop (over a minute at 20,000 children).
 * <p>Several tables ({@link #AnalyzeStagingListener(JdbcTemplate, List)}) are analysed at once, each on its own
 * pooled connection, two at a time (one per core of the machines the job runs on); the listener returns when
 * all are done, so the step starts with every table's statistics fresh, as when they were analysed in turn.
 */
final class AnalyzeStagingListener implements StepExecutionListener {

    private static final int AT_ONCE = 2;

    private final JdbcTemplate jdbc;
    private final List<String> tables;

    /** For other run-scoped tables filled in bulk just before (constant names, comma-separated, never data). */
    AnalyzeStagingListener(JdbcTemplate jdbc, String table) {
        this(jdbc, List.of(table));
    }

    /**
     * For several tables, each a constant name with optionally its column list, e.g. {@code "t (a, b)"}, never
     * data; listed longest to analyse first, as they are started in that order.
     */
    AnalyzeStagingListener(JdbcTemplate jdbc, List<String> tables) {
        this.jdbc = jdbc;
        this.tables = List.copyOf(tables);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (tables.size() == 1) {
            jdbc.execute("ANALYZE " + tables.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(AT_ONCE, tables.size()), r -> {
            Thread t = new Thread(r, "analyze-" + stepExecution.getStepName());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String table : tables) {
                running.add(pool.submit(() -> jdbc.execute("ANALYZE " + table)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analysing " + tables, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("analysing " + tables + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
