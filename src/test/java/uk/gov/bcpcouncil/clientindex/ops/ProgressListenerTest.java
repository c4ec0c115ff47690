package uk.gov.bcpcouncil.clientindex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ProgressListenerTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aStepWithATotalShowsDoneOfTotalRateAndEta() {
        ProgressListener.Tracker t = new ProgressListener.Tracker("mapRecords", 0, OptionalLong.of(134_153),
                Optional.empty(), 0);
        t.done.set(41_000);

        assertThat(t.line(20 * SECOND))
                .isEqualTo("mapRecords: 41,000 of 134,153 (30.6%), 2,050/s, elapsed 20.0s, ETA 45.4s");
        assertThat(t.startLine()).isEqualTo("mapRecords started: 134,153 to read");
    }

    @Test
    void aPartitionedStepCountsWhatItsPartitionsCommitted() {
        java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        ProgressListener.Tracker t = new ProgressListener.Tracker("mapRecords", 0, OptionalLong.of(1_341_281),
                Optional.empty(), 0, committed::get);

        assertThat(t.line(10 * SECOND)).startsWith("mapRecords: 0 of 1,341,281 (0.0%), 0/s");
        committed.set(670_000);
        assertThat(t.line(50 * SECOND))
                .isEqualTo("mapRecords: 670,000 of 1,341,281 (50.0%), 13,400/s, elapsed 50.0s, ETA 50.1s");
    }

    @Test
    void aRestartedStepCountsOnFromItsCheckpointAndItsRateIsThisAttempts() {
        ExecutionContext context = new ExecutionContext();
        context.putLong("extractPoolePersonsReader.read.count", 30_000);
        context.putString("extractPoolePersonsReader.start.after", "{person_ref=30000}");
        long resumed = ProgressListener.resumedAfter(context);
        ProgressListener.Tracker t = new ProgressListener.Tracker("extractPoolePersons", resumed,
                OptionalLong.of(46_239), Optional.empty(), 0);
        t.done.set(10_000);

        assertThat(resumed).isEqualTo(30_000);
        assertThat(t.startLine()).isEqualTo("extractPoolePersons started: 46,239 to read, resuming after 30,000"
                + " already committed");
        assertThat(t.line(4 * SECOND))
                .isEqualTo("extractPoolePersons: 40,000 of 46,239 (86.5%), 2,500/s, elapsed 4.0s, ETA 2.5s");
    }

    @Test
    void aTaskletShowsItsElapsedTimeAgainstThePreviousRun() {
        ProgressListener.Tracker t = new ProgressListener.Tracker("matchRecords", 0, OptionalLong.empty(),
                Optional.of(Duration.ofSeconds(35)), 0);

        assertThat(t.line(30 * SECOND))
                .isEqualTo("matchRecords: running for 30.0s (the previous run took 35.0s, ETA ~5.0s)");
        assertThat(t.line(80 * SECOND))
                .isEqualTo("matchRecords: running for 1m20s (the previous run took 35.0s, ETA overdue)");
        assertThat(new ProgressListener.Tracker("reconcile", 0, OptionalLong.empty(), Optional.empty(), 0)
                .line(10 * SECOND)).isEqualTo("reconcile: running for 10.0s");
    }

    @Test
    void aStepWithoutATotalShowsItsRate() {
        ProgressListener.Tracker t = new ProgressListener.Tracker("x", 0, OptionalLong.empty(), Optional.empty(), 0);
        t.done.set(5_000);

        assertThat(t.line(2 * SECOND)).isEqualTo("x: 5,000 done, 2,500/s, elapsed 2.0s");
    }

    @Test
    void durationsReadWellAtEveryScale() {
        assertThat(ProgressListener.duration(Duration.ofMillis(91))).isEqualTo("91ms");
        assertThat(ProgressListener.duration(Duration.ofMillis(47_375))).isEqualTo("47.4s");
        assertThat(ProgressListener.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ProgressListener.duration(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}
