package uk.gov.bcpcouncil.clientindex.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.reconcile.report.SignOffSheetSection;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffCriteria;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffProperties;

/** The sign-off sheet: configured criteria evaluated pass or fail, and escaped in the report. */
class SignOffSheetTest {

    static RunSummary summary(boolean balanced, long inReview) {
        List<SourceTotals> totals = List.of(
                new SourceTotals("BOURNEMOUTH", 100, 100, balanced ? 97 : 96, 2, 1, Map.of("X", 2L), Map.of("Y", 1L)),
                new SourceTotals("POOLE", 50, 50, 50, 0, 0, Map.of(), Map.of()));
        return new RunSummary("2026-11-26-t", "2026-11-26", "t", "TRIAL_LOAD", "", "", "abc", Map.of(), Map.of(),
                Map.of(), totals, balanced, new RunSummary.Funnel(150, 2, 1, 147, 10, 3, inReview, 140, 143),
                new RunSummary.Matching(147, 10, Map.of(), Map.of(), 0, Map.of(), 1, 1, 0, Map.of(), Map.of()),
                Map.of("POOLE NHS number", Map.of("VALID", 40L, "ABSENT", 10L)), List.of(), 0, Map.of(), Map.of("X", 2L),
                List.of(), null, List.of(), null);
    }

    static final SignOffProperties CRITERIA = new SignOffProperties(List.of(
            new SignOffProperties.Criterion("unbalanced-sources", 0.0, null, "All accounted for"),
            new SignOffProperties.Criterion("rejected-percent", 2.0, null, null),
            new SignOffProperties.Criterion("open-review-pairs", 0.0, null, "<b>Review done</b>"),
            new SignOffProperties.Criterion("nhs-valid-percent", null, 75.0, "NHS numbers valid"),
            new SignOffProperties.Criterion("no-such-metric", 1.0, null, "typo")), List.of("Known & listed"));

    @Test
    void eachCriterionPassesOrFailsOnItsLimit() {
        RunSummary.SignOffSheet sheet = SignOffCriteria.evaluate(summary(true, 3), CRITERIA);

        assertThat(sheet.criteria()).extracting(RunSummary.Criterion::value)
                .containsExactly("0", "1.3%", "3", "80%", "unknown metric");
        assertThat(sheet.criteria()).extracting(RunSummary.Criterion::passed)
                .containsExactly(true, true, false, true, false);
        assertThat(sheet.criteria().get(3).limit()).isEqualTo("at least 75%");
        assertThat(sheet.allPassed()).isFalse();
    }

    @Test
    void anUnbalancedRunFailsTheSheetAndTheSheetIsEscaped() {
        RunSummary s = summary(false, 0);
        RunSummary.SignOffSheet sheet = SignOffCriteria.evaluate(s,
                new SignOffProperties(List.of(CRITERIA.criteria().get(0)), CRITERIA.knownIssues()));

        assertThat(sheet.criteria().get(0).passed()).isFalse();
        assertThat(sheet.allPassed()).isFalse();
        String html = new SignOffSheetSection().body(s.withSignOff(SignOffCriteria.evaluate(s, CRITERIA)));
        assertThat(html).contains("&lt;b&gt;Review done&lt;/b&gt;").contains("Known &amp; listed")
                .doesNotContain("<b>Review");
    }

    @Test
    void scoreBandsNameTheStrengthOfTheEvidence() {
        assertThat(ScoreBands.band("NHS_EXACT", 1.0, false)).isEqualTo(ScoreBands.EXACT);
        assertThat(ScoreBands.band("CLERICAL_SAME", 2.0, true)).isEqualTo(ScoreBands.EXACT);
        assertThat(ScoreBands.band("FS_MATCH", 20, true)).isEqualTo(ScoreBands.STRONG);
        assertThat(ScoreBands.band("FS_MATCH", 7, true)).isEqualTo(ScoreBands.NEAR);
        assertThat(ScoreBands.band("NAME_DOB", 0.99, false)).isEqualTo(ScoreBands.STRONG);
        assertThat(ScoreBands.band("NAME_DOB", 0.93, false)).isEqualTo(ScoreBands.NEAR);
    }
}
