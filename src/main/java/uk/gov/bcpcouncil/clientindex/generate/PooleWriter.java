package uk.gov.bcpcouncil.clientindex.generate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes the Poole tables with PostgreSQL {@code COPY ... FROM STDIN} (text format), one COPY per
 * table per block, persons first so that the foreign keys hold.
 */
final class PooleWriter implements AutoCloseable {

    private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final Connection connection;
    private final boolean autoCommitBefore;
    private final CopyManager copy;
    private final StringBuilder persons = new StringBuilder(1 << 16);
    private final StringBuilder aliases = new StringBuilder(1 << 12);
    private final StringBuilder addresses = new StringBuilder(1 << 16);
    private final StringBuilder episodes = new StringBuilder(1 << 16);

    PooleWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommitBefore = connection.getAutoCommit();
        connection.setAutoCommit(false);
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    void person(String ref, String givenNames, String familyName, String preferredName, LocalDate birthDate,
            String birthDateKind, Integer sex, String nhs, String upn, String ethnicOrigin, LocalDate deceased,
            boolean deleted, OffsetDateTime lastModified) {
        row(persons, ref, givenNames, familyName, preferredName, birthDate, birthDateKind, sex, nhs, upn, ethnicOrigin,
                deceased, deleted ? "t" : "f", TIMESTAMPTZ.format(lastModified));
    }

    void alias(String ref, String type, String givenNames, String familyName) {
        row(aliases, ref, type, givenNames, familyName);
    }

    void address(String ref, String text, String postcode, LocalDate from, LocalDate to) {
        row(addresses, ref, text, postcode, from, to);
    }

    void episode(String ref, String service, LocalDate opened, LocalDate closed, String category, String legalStatus) {
        row(episodes, ref, service, opened, closed, category, legalStatus);
    }

    /** Copies everything buffered and commits. */
    void commit() throws SQLException {
        try {
            copy(persons, "poole.person (person_ref, given_names, family_name, preferred_name, birth_date, "
                    + "birth_date_kind, sex, nhs_number, upn, ethnic_origin, deceased_date, is_deleted, last_modified)");
            copy(aliases, "poole.person_alias (person_ref, alias_type, given_names, family_name)");
            copy(addresses, "poole.person_address (person_ref, address_text, postcode, valid_from, valid_to)");
            copy(episodes, "poole.episode (person_ref, service, opened, closed, category, legal_status)");
        } catch (IOException e) {
            throw new SQLException("COPY into the Poole database failed", e);
        }
        connection.commit();
    }

    private void copy(StringBuilder rows, String target) throws SQLException, IOException {
        if (rows.length() == 0) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.copyIn("COPY " + target + " FROM STDIN", new ByteArrayInputStream(bytes));
        rows.setLength(0);
    }

    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String s = v.toString();
                for (int c = 0; c < s.length(); c++) {
                    char ch = s.charAt(c);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    @Override
    public void close() throws SQLException {
        connection.setAutoCommit(autoCommitBefore);
    }
}
