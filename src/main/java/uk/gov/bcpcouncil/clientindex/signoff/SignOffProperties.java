package uk.gov.bcpcouncil.clientindex.signoff;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sign-off sheet agreed with the data owners before the runs ({@code clientindex.signoff.*}): the
 * criteria each report is judged against, and the known issues it lists.
 *
 * @param criteria    each a metric with a {@code max} or {@code min} limit; see {@link SignOffCriteria#METRICS}
 * @param knownIssues free text, one entry each, printed on the sheet
 */
@ConfigurationProperties("clientindex.signoff")
public record SignOffProperties(List<Criterion> criteria, List<String> knownIssues) {

    public SignOffProperties {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
    }

    /**
     * @param metric      one of {@link SignOffCriteria#METRICS}
     * @param max         the criterion passes when the value is at most this
     * @param min         the criterion passes when the value is at least this
     * @param description the criterion in the data owners' words
     */
    public record Criterion(String metric, Double max, Double min, String description) {
    }
}
