package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.review.ReviewQueue;

/**
 * Writes {@code review-queue.csv} (Excel-safe, see {@link ExcelCsv}): the run's pairs waiting for clerical
 * review as the run left them, with masked values (initials, year of birth, last digits of the NHS number)
 * and any decision already stored for the pairs' present content (ISO 8601 times). Full values are only on
 * the review page ({@code ./run.sh review}). Idempotent (rewrites the file); stateless.
 */
public final class ReviewQueueCsvWriter {

    public static final String[] HEADER = { "left_record", "right_record", "reason", "score", "left_name", "left_born",
            "left_nhs", "right_name", "right_born", "right_nhs", "decision", "decided_by", "decided_at" };

    private final JdbcTemplate jdbc;

    public ReviewQueueCsvWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String runId, Path file) throws IOException {
        try (ExcelCsv csv = ExcelCsv.create(file, HEADER)) {
            for (ReviewQueue.Listed p : new ReviewQueue(jdbc).listed(runId)) {
                ReviewQueue.Named l = p.left();
                ReviewQueue.Named r = p.right();
                csv.row(p.leftKey(), p.rightKey(), p.reason(), p.score(), Masking.name(l.givenName(), l.familyName()),
                        Masking.birth(l.birthDate()), Masking.nhs(l.nhsNumber()),
                        Masking.name(r.givenName(), r.familyName()), Masking.birth(r.birthDate()),
                        Masking.nhs(r.nhsNumber()), p.decision(), p.decidedBy(),
                        p.decidedAt() == null ? null : p.decidedAt().withNano(0).toString());
            }
        }
    }
}
