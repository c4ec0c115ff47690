package uk.gov.bcpcouncil.clientindex.job;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;

/**
 * A run's identity. Identifying job parameters: {@value #RUN_DATE} and {@value #RUN_LABEL} (so relaunching
 * a failed run resumes it, and a completed one is refused); non-identifying: {@value #RUN_ID} (derived),
 * {@value #MAPPINGS_CHECKSUM} and {@value #MAPPINGS_FILES} (each mapping file's SHA-256, compared on restart). These names are a restart contract.
 */
public record RunParameters(LocalDate runDate, String label) {

    public static final String RUN_DATE = "run.date";
    public static final String RUN_LABEL = "run.label";
    public static final String RUN_ID = "run.id";
    public static final String MAPPINGS_CHECKSUM = "mappings.checksum";
    public static final String MAPPINGS_FILES = "mappings.files";
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public RunParameters {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new ConfigurationException("--label must be 1-40 lower-case letters, digits or hyphens, got '"
                    + label + "'");
        }
    }

    public static RunParameters of(String runDate, String label) {
        LocalDate date;
        try {
            date = runDate == null ? LocalDate.now(LONDON) : LocalDate.parse(runDate);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigurationException("--run-date must be YYYY-MM-DD, got '" + runDate + "'");
        }
        return new RunParameters(date, label == null ? "nightly" : label);
    }

    public String runId() {
        return runDate + "-" + label;
    }

    public JobParameters toJobParameters(Mappings mappings) {
        return new JobParametersBuilder()
                .addLocalDate(RUN_DATE, runDate, true)
                .addString(RUN_LABEL, label, true)
                .addString(RUN_ID, runId(), false)
                .addString(MAPPINGS_CHECKSUM, mappings.checksum(), false)
                .addString(MAPPINGS_FILES, mappings.fileChecksumsParameter(), false)
                .toJobParameters();
    }

    /**
     * The job parameters of a run in a mode: {@code incremental} asks for an incremental run
     * ({@code run.mode}, non-identifying; see {@code extract.Incremental}).
     */
    public JobParameters toJobParameters(Mappings mappings, String mode) {
        return new JobParametersBuilder(toJobParameters(mappings)).addString("run.mode", mode, false)
                .toJobParameters();
    }

    public JobParameters identifying() {
        return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate, true).addString(RUN_LABEL, label, true)
                .toJobParameters();
    }
}
