package uk.gov.bcpcouncil.clientindex.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The per-step table printed when a run ends: for every step of the run, over all its attempts (a
 * restart adds the counts and the time of the resumed step to those of the failed one), the status of
 * its latest execution, items read, written, skipped and rejected, and the time it took. Stateless.
 */
public final class StepTable {

    private StepTable() {
    }

    /**
     * @param executions every execution (attempt) of the run
     * @param rejected   per step name, the records it rejected (a step not named shows its filter count)
     */
    public static List<String> lines(List<JobExecution> executions, Map<String, Long> rejected) {
        Map<String, Row> rows = new LinkedHashMap<>();
        executions.stream().sorted(Comparator.comparing(JobExecution::getId))
                .flatMap(e -> e.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)))
                .forEach(s -> rows.computeIfAbsent(s.getStepName(), Row::new).add(s));
        List<String> lines = new ArrayList<>();
        String format = "  %-34s %-10s %11s %11s %8s %9s %9s";
        lines.add(String.format(Locale.UK, format, "step", "status", "read", "written", "skipped", "rejected", "time"));
        Duration sum = Duration.ZERO;
        for (Row r : rows.values()) {
            long rej = rejected.getOrDefault(r.name, r.filtered);
            lines.add(String.format(Locale.UK, format, r.name, r.status, n(r.read), n(r.written), n(r.skipped),
                    n(rej), ProgressListener.duration(r.time)));
            sum = sum.plus(r.time);
        }
        lines.add(String.format(Locale.UK, format, "total", "", "", "", "", "", ProgressListener.duration(sum)));
        return lines;
    }

    private static String n(long v) {
        return String.format(Locale.UK, "%,d", v);
    }

    private static final class Row {
        final String name;
        String status;
        long read;
        long written;
        long skipped;
        long filtered;
        Duration time = Duration.ZERO;

        Row(String name) {
            this.name = name;
        }

        void add(StepExecution s) {
            status = s.getStatus().name();
            read += s.getReadCount();
            written += s.getWriteCount();
            skipped += s.getSkipCount();
            filtered += s.getFilterCount();
            if (s.getStartTime() != null && s.getEndTime() != null) {
                time = time.plus(Duration.between(s.getStartTime(), s.getEndTime()));
            }
        }
    }
}
