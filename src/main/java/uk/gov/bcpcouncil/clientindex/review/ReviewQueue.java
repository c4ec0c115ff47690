package uk.gov.bcpcouncil.clientindex.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's clerical review queue with each pair's two records, the matcher's explanation and the current
 * decision (the one stored for the pair's present content, if any), and the recording of decisions.
 * Reads {@code ci_review_queue}, {@code ci_mapped_record}, {@code ci_match_explanation}; writes
 * {@code ci_review_decision} (an upsert per pair and content hash: deciding again replaces the answer).
 * Thread-safe (no state besides the JdbcTemplate).
 */
public final class ReviewQueue {

    /** One side of a pair: full values (only the restricted review page shows them; files mask them). */
    public record Side(String key, String givenName, String familyName, LocalDate birthDate, String sex,
            String nhsNumber, String nhsStatus, String upn, String upnStatus, String postcode, String otherNames) {
    }

    /**
     * @param terms the explanation's terms as JSON ({@code [{comparison, level, weight, tfAdjusted}]}), or null
     *              for a pair decided without scoring
     */
    public record Pair(String leftKey, String rightKey, String reason, double score, String contentHash,
            String decision, String note, String decidedBy, OffsetDateTime decidedAt, Side left, Side right,
            Double priorWeight, Double totalWeight, Double probability, String terms, String leftClient,
            String rightClient) {

        /** Open: no decision for the present content, or "not sure". */
        public boolean open() {
            return decision == null || ReviewDecision.NOT_SURE.name().equals(decision);
        }
    }

    /** Open pairs first (strongest score first), then decided ones; {@code d} is the pair's current decision. */
    private static final String ORDER = " ORDER BY (d.decision IS NULL OR d.decision = 'NOT_SURE') DESC, q.score DESC, q.left_key, q.right_key";

    private final JdbcTemplate jdbc;

    public ReviewQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run's queue: open pairs first (strongest score first), then decided ones. */
    public List<Pair> pairs(String runId) {
        return jdbc.query("SELECT q.left_key, q.right_key, q.reason, q.score, " + PairContent.hash("l", "r")
                + " AS content_hash, d.decision, d.note, d.decided_by, d.decided_at,"
                + side("l") + ", " + side("r") + ", e.prior_weight::float8, e.total_weight::float8, e.probability::float8, e.terms, "
                + client("l") + ", " + client("r")
                + " FROM ci_review_queue q" + PairContent.join("l", "q.left_key", "q.run_id")
                + PairContent.join("r", "q.right_key", "q.run_id")
                + " LEFT JOIN ci_review_decision d ON d.left_key = q.left_key AND d.right_key = q.right_key"
                + " AND d.content_hash = " + PairContent.hash("l", "r")
                + " LEFT JOIN ci_match_explanation e ON e.run_id = q.run_id AND e.left_key = q.left_key"
                + " AND e.right_key = q.right_key WHERE q.run_id = ?" + ORDER,
                (rs, i) -> new Pair(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                        side(rs, 10), side(rs, 21), rs.getObject(32, Double.class),
                        rs.getObject(33, Double.class), rs.getObject(34, Double.class), rs.getString(35),
                        rs.getString(36), rs.getString(37)),
                runId);
    }

    /**
     * One pair of the queue as {@code review-queue.csv} lists it: the keys, the reason and score, the current
     * decision and the values the file shows masked.
     */
    public record Listed(String leftKey, String rightKey, String reason, double score, String decision,
            String decidedBy, OffsetDateTime decidedAt, Named left, Named right) {
    }

    /** The values of one side that {@code review-queue.csv} shows (masked by its writer). */
    public record Named(String givenName, String familyName, LocalDate birthDate, String nhsNumber) {
    }

    /**
     * The run's queue for {@code review-queue.csv}: the pairs, their current decisions and order of {@link #pairs},
     * without what only the review page shows (explanations, other names, clients). The content hash is computed
     * only for a pair that has a stored decision (the keys select the decisions first; {@code OFFSET 0} keeps the
     * planner from turning the hash into an index condition, which would compute it for every pair): for every pair,
     * turning both records into {@code jsonb} text and hashing them cost about 3 s of the reconcile step at a
     * million children, 25,000 pairs, with no decision stored.
     */
    public List<Listed> listed(String runId) {
        return jdbc.query("SELECT q.left_key, q.right_key, q.reason, q.score, d.decision, d.decided_by, d.decided_at,"
                + named("l") + ", " + named("r") + " FROM ci_review_queue q"
                + PairContent.join("l", "q.left_key", "q.run_id") + PairContent.join("r", "q.right_key", "q.run_id")
                + " LEFT JOIN LATERAL (SELECT k.decision, k.decided_by, k.decided_at FROM (SELECT * FROM"
                + " ci_review_decision d WHERE d.left_key = q.left_key AND d.right_key = q.right_key OFFSET 0) k"
                + " WHERE k.content_hash = " + PairContent.hash("l", "r") + ") d ON TRUE WHERE q.run_id = ?" + ORDER,
                (rs, i) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), named(rs, 8),
                        named(rs, 12)),
                runId);
    }

    private static String named(String a) {
        return a + ".given_name, " + a + ".family_name, " + a + ".birth_date, " + a + ".nhs_number";
    }

    private static Named named(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return new Named(rs.getString(from), rs.getString(from + 1), rs.getObject(from + 2, LocalDate.class),
                rs.getString(from + 3));
    }

    private static String side(String a) {
        return a + ".source_system || ':' || " + a + ".source_record_id, " + a + ".given_name, " + a + ".family_name, "
                + a + ".birth_date, " + a + ".sex, " + a + ".nhs_number, " + a + ".nhs_status, " + a + ".upn, " + a
                + ".upn_status, " + a + ".postcode, (SELECT string_agg(concat_ws(' ', o->>'kind', ':',"
                + " (SELECT string_agg(g, ' ') FROM json_array_elements_text(o->'givenNames') g), o->>'familyName'), '; ')"
                + " FROM json_array_elements(" + a + ".record->'otherNames') o)";
    }

    /** The client the record is in, in this run, with its number of records. */
    private static String client(String a) {
        return "(SELECT x.client_id || ' (' || c.member_count || ' record' || CASE WHEN c.member_count > 1 THEN 's'"
                + " ELSE '' END || ')' FROM ci_client_xref x JOIN ci_client c ON c.run_id = x.run_id"
                + " AND c.client_id = x.client_id WHERE x.run_id = " + a + ".run_id AND x.source_system = " + a
                + ".source_system AND x.source_record_id = " + a + ".source_record_id)";
    }

    private static Side side(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return new Side(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                rs.getObject(from + 3, LocalDate.class), rs.getString(from + 4), rs.getString(from + 5),
                rs.getString(from + 6), rs.getString(from + 7), rs.getString(from + 8), rs.getString(from + 9),
                rs.getString(from + 10));
    }

    /**
     * Records a decision on a pair of the run's queue, with the content hash of the two records as they are
     * in this run.
     *
     * @return false when the pair is not in the run's queue (nothing is recorded)
     */
    public boolean decide(String runId, String leftKey, String rightKey, ReviewDecision decision, String note,
            String by) {
        int n = jdbc.update("INSERT INTO ci_review_decision (left_key, right_key, content_hash, decision, note,"
                + " decided_by, decided_at, decided_run) SELECT q.left_key, q.right_key, " + PairContent.hash("l", "r")
                + ", ?, ?, ?, now(), q.run_id FROM ci_review_queue q" + PairContent.join("l", "q.left_key", "q.run_id")
                + PairContent.join("r", "q.right_key", "q.run_id")
                + " WHERE q.run_id = ? AND q.left_key = ? AND q.right_key = ?"
                + " ON CONFLICT (left_key, right_key, content_hash) DO UPDATE SET decision = EXCLUDED.decision,"
                + " note = EXCLUDED.note, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,"
                + " decided_run = EXCLUDED.decided_run",
                decision.name(), note == null || note.isBlank() ? null : note.strip(), by, runId, leftKey, rightKey);
        return n > 0;
    }
}
