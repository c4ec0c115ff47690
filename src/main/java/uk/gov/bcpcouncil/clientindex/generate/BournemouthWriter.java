package uk.gov.bcpcouncil.clientindex.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes Bournemouth {@code client}, {@code client_address} and {@code client_involvement} rows. */
final class BournemouthWriter implements AutoCloseable {

    static final int ROWS_PER_STATEMENT = 1000;

    private final Connection connection;
    private final boolean autoCommitBefore;
    private final MultiRowInsert clients;
    private final MultiRowInsert addresses;
    private final MultiRowInsert involvements;

    BournemouthWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommitBefore = connection.getAutoCommit();
        connection.setAutoCommit(false);
        clients = new MultiRowInsert(connection, "client", List.of("client_id", "title", "forename", "middle_names",
                "surname", "known_as", "date_of_birth", "dob_estimated", "gender", "nhs_no", "upn", "ethnicity",
                "date_of_death", "record_status", "merged_into", "created_on", "updated_on"), ROWS_PER_STATEMENT);
        addresses = new MultiRowInsert(connection, "client_address", List.of("client_id", "line1", "line2", "town",
                "postcode", "start_date", "end_date"), ROWS_PER_STATEMENT);
        involvements = new MultiRowInsert(connection, "client_involvement", List.of("client_id", "involvement_type",
                "start_date", "end_date", "reason_code", "legal_status"), ROWS_PER_STATEMENT);
    }

    void client(Object... values) throws SQLException {
        clients.add(values);
    }

    void address(Object... values) throws SQLException {
        addresses.add(values);
    }

    void involvement(Object... values) throws SQLException {
        involvements.add(values);
    }

    /** Inserts everything buffered and commits. */
    void commit() throws SQLException {
        clients.flush();
        addresses.flush();
        involvements.flush();
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try {
            clients.close();
            addresses.close();
            involvements.close();
        } finally {
            connection.setAutoCommit(autoCommitBefore);
        }
    }
}
