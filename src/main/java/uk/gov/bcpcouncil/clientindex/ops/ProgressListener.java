package uk.gov.bcpcouncil.clientindex.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Progress of one step, as plain log lines at a steady interval ({@code clientindex.progress.interval},
 * default 10 s) that read the same on a terminal and in a log file: items done, the total where known,
 * the rate and the ETA; for a step without item counts (a tasklet), the elapsed time and how long the step
 * took the last time it completed. A line at the start and one at the end with the step's counts. A
 * restarted step counts on from the items its reader had committed ({@code *.read.count} in the step's
 * ExecutionContext). Lines carry the step name and numbers only.
 * <p>Thread safety: one instance per step, serving one step execution at a time. The step's thread counts
 * items after each chunk; a daemon thread of the listener's own prints the lines; they share only an
 * atomic counter and immutable values.
 */
public final class ProgressListener implements StepExecutionListener, ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final StepTotal total;
    private final Duration interval;
    private final StepHistory history;
    private final boolean partitioned;
    private volatile Tracker tracker;
    private ScheduledExecutorService reporter;

    /** @param history the previous runs' step durations, or null */
    public ProgressListener(StepTotal total, Duration interval, StepHistory history) {
        this(total, interval, history, false);
    }

    /**
     * @param partitioned a partitioned manager step: its items are counted from its partitions' commits in the
     *                    job repository ({@link StepHistory#readByPartitions}), as it runs no chunks itself
     */
    public ProgressListener(StepTotal total, Duration interval, StepHistory history, boolean partitioned) {
        this.total = total;
        this.interval = interval;
        this.history = history;
        this.partitioned = partitioned;
    }

    @Override
    public void beforeStep(StepExecution step) {
        long start = System.nanoTime();
        String name = step.getStepName();
        OptionalLong expected;
        try {
            expected = total.of(step);
        } catch (RuntimeException e) {
            log.warn("{}: the total is not known ({})", name, e.getClass().getSimpleName());
            expected = OptionalLong.empty();
        }
        Optional<Duration> previous = expected.isEmpty() && history != null ? history.lastCompleted(name)
                : Optional.empty();
        long jobExecutionId = step.getJobExecutionId();
        java.util.function.LongSupplier fromPartitions = partitioned && history != null
                ? () -> history.readByPartitions(jobExecutionId, name) : () -> 0;
        Tracker t = new Tracker(name, resumedAfter(step.getExecutionContext()), expected, previous, start,
                fromPartitions);
        tracker = t;
        log.info(t.startLine());
        reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, interval.toMillis());
        reporter.scheduleWithFixedDelay(() -> log.info(t.line(System.nanoTime())), every, every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        Tracker t = tracker;
        if (t != null) {
            t.done.addAndGet(chunk.size());
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        if (reporter != null) {
            reporter.shutdownNow();
            reporter = null;
        }
        Tracker t = tracker;
        tracker = null;
        if (t != null) {
            log.info(t.endLine(step, System.nanoTime()));
        }
        return null;
    }

    /** Items a restarted reader had already committed: its {@code <name>.read.count}, else 0. */
    static long resumedAfter(ExecutionContext context) {
        long resumed = 0;
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (e.getKey().endsWith(".read.count") && e.getValue() instanceof Number n) {
                resumed = Math.max(resumed, n.longValue());
            }
        }
        return resumed;
    }

    /** One step execution's progress. Immutable but for the atomic counter. */
    static final class Tracker {
        final String step;
        final long resumed;
        final OptionalLong total;
        final Optional<Duration> previous;
        final long startNanos;
        final AtomicLong done = new AtomicLong();
        final java.util.function.LongSupplier fromPartitions;

        Tracker(String step, long resumed, OptionalLong total, Optional<Duration> previous, long startNanos) {
            this(step, resumed, total, previous, startNanos, () -> 0);
        }

        /** @param fromPartitions items committed by the step's partitions (0 for a step that runs its own chunks) */
        Tracker(String step, long resumed, OptionalLong total, Optional<Duration> previous, long startNanos,
                java.util.function.LongSupplier fromPartitions) {
            this.step = step;
            this.resumed = resumed;
            this.total = total;
            this.previous = previous;
            this.startNanos = startNanos;
            this.fromPartitions = fromPartitions;
        }

        String startLine() {
            StringBuilder b = new StringBuilder(step).append(" started");
            total.ifPresent(t -> b.append(String.format(Locale.UK, ": %,d to read", t)));
            if (resumed > 0) {
                b.append(String.format(Locale.UK, ", resuming after %,d already committed", resumed));
            }
            previous.ifPresent(p -> b.append(" (the previous run took ").append(duration(p)).append(')'));
            return b.toString();
        }

        String line(long nowNanos) {
            Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
            long n = done.get() + fromPartitions.getAsLong();
            if (total.isEmpty() && n == 0) {
                String line = step + ": running for " + duration(elapsed);
                if (previous.isPresent()) {
                    Duration left = previous.get().minus(elapsed);
                    line += " (the previous run took " + duration(previous.get()) + ", ETA "
                            + (left.isNegative() ? "overdue" : "~" + duration(left)) + ")";
                }
                return line;
            }
            double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
            double rate = n / seconds;
            long sofar = resumed + n;
            if (total.isEmpty()) {
                return String.format(Locale.UK, "%s: %,d done, %,.0f/s, elapsed %s", step, sofar, rate,
                        duration(elapsed));
            }
            long all = Math.max(total.getAsLong(), 1);
            long shown = Math.min(sofar, all);
            String eta = rate <= 0 ? "unknown"
                    : duration(Duration.ofMillis((long) (Math.max(0, all - shown) / rate * 1000)));
            return String.format(Locale.UK, "%s: %,d of %,d (%.1f%%), %,.0f/s, elapsed %s, ETA %s", step, shown,
                    total.getAsLong(), 100.0 * shown / all, rate, duration(elapsed), eta);
        }

        String endLine(StepExecution s, long nowNanos) {
            Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
            StringBuilder b = new StringBuilder(step).append(' ').append(s.getStatus()).append(" in ")
                    .append(duration(elapsed));
            if (done.get() > 0 || total.isPresent()) {
                b.append(String.format(Locale.UK, ": read %,d, written %,d, skipped %,d (%,.0f/s)", s.getReadCount(),
                        s.getWriteCount(), s.getSkipCount(), s.getReadCount() / Math.max(elapsed.toNanos() / 1e9, 1e-3)));
            } else if (s.getWriteCount() > 0) {
                b.append(String.format(Locale.UK, ": written %,d", s.getWriteCount()));
            }
            return b.toString();
        }
    }

    /** {@code 91ms}, {@code 47.4s}, {@code 3m05s}, {@code 1h02m}. */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.UK, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.UK, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.UK, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
