package uk.gov.bcpcouncil.clientindex.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.load.ClientXrefPartitions;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The summary's counts over a small run written by hand: the clients' shape from the cross-references, and the
 * identifier and postcode quality, ethnicity match rates and unmapped codes from one pass over the mapped records. Another run's rows are there
 * too and must not count.
 */
class SummaryQueriesIntegrationTest {

    static TestEnvironment env;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
        DataSource target = env.targetAdmin();
        TestDatabases.migrate(target);
        jdbc = new JdbcTemplate(target);
        for (String run : new String[] { "r", "other" }) {
            // each run's cross-references in a partition of their own, as buildClientIndex leaves them
            ClientXrefPartitions.loadTable(jdbc, run);
            ClientXrefPartitions.attach(jdbc, run);
            // B1 and P1 one child across two systems; B2 and B3 one child twice in one system; B4 alone; P2 rejected
            // without content, P3 excluded with content (neither indexed)
            mapped(run, "BOURNEMOUTH", "1", "VALID", "ABSENT", "WBRI");
            mapped(run, "BOURNEMOUTH", "2", "INVALID", "VALID", "ABAN");
            mapped(run, "BOURNEMOUTH", "3", "ABSENT", "ABSENT", "ABAN");
            mapped(run, "BOURNEMOUTH", "4", "ABSENT", "ABSENT", null);
            mapped(run, "POOLE", "1", "VALID", "ABSENT", "WBRI");
            jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, reason)"
                    + " VALUES (?, 'POOLE', '2', 'REJECTED', 'INSUFFICIENT_IDENTITY')", run);
            mapped(run, "POOLE", "3", "VALID", "ABSENT", "UNMAPPED");
            jdbc.update("UPDATE ci_mapped_record SET outcome = 'EXCLUDED' WHERE run_id = ? AND source_system = 'POOLE'"
                    + " AND source_record_id = '3'", run);
            xref(run, "BOURNEMOUTH", "1", "C1");
            xref(run, "POOLE", "1", "C1");
            xref(run, "BOURNEMOUTH", "2", "C2");
            xref(run, "BOURNEMOUTH", "3", "C2");
            xref(run, "BOURNEMOUTH", "4", "C3");
            // each address's postcode status, and unmapped codes (slot beside code), of some records
            arrays(run, "BOURNEMOUTH", "1", "{VALID,VALID,INVALID}", "{ethnicity,sex}", "{ZZZ,9}");
            arrays(run, "BOURNEMOUTH", "2", "{VALID}", "{ethnicity}", "{ZZZ}");
            arrays(run, "POOLE", "1", "{ABSENT}", "{ethnicity,ethnicity}", "{b,B}");
            arrays(run, "POOLE", "3", "{VALID}", "{sex}", "{9}");
        }
        xref("other", "BOURNEMOUTH", "9", "C3"); // makes C3 a pair in the other run only
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static void mapped(String run, String source, String id, String nhs, String upn, String ethnicity) {
        jdbc.update("INSERT INTO ci_mapped_record (run_id, source_system, source_record_id, outcome, nhs_status,"
                + " upn_status, ethnicity, record) VALUES (?, ?, ?, 'CANDIDATE', ?, ?, ?, '{}')", run, source, id, nhs,
                upn, ethnicity);
    }

    private static void arrays(String run, String source, String id, String postcodes, String slots, String codes) {
        jdbc.update("UPDATE ci_mapped_record SET postcode_statuses = ?::text[], unmapped_slots = ?::text[],"
                + " unmapped_codes = ?::text[] WHERE run_id = ? AND source_system = ? AND source_record_id = ?",
                postcodes, slots, codes, run, source, id);
    }

    private static void xref(String run, String source, String id, String client) {
        jdbc.update("INSERT INTO ci_client_xref (run_id, source_system, source_record_id, client_id) VALUES (?, ?, ?, ?)",
                run, source, id, client);
    }

    @Test
    void theClientsShapeComesFromTheCrossReferences() {
        SummaryQueries.ClusterShape shape = new SummaryQueries(jdbc, "r").clusterShape();

        assertThat(shape.sizes()).containsExactly(Map.entry("1", 1L), Map.entry("2", 2L));
        assertThat(shape.crossSystem()).isEqualTo(1);
        assertThat(shape.withinSystem()).isEqualTo(1);
        assertThat(shape.clients()).isEqualTo(3);
        assertThat(shape.records()).isEqualTo(5);
    }

    @Test
    void qualityCountsEveryRecordWithContentAndEthnicityRatesOnlyIndexedOnes() {
        SummaryQueries.RecordStats stats = new SummaryQueries(jdbc, "r").recordStats();

        assertThat(stats.quality()).containsExactly(
                Map.entry("BOURNEMOUTH NHS number", Map.of("ABSENT", 2L, "INVALID", 1L, "VALID", 1L)),
                Map.entry("BOURNEMOUTH Postcode (all addresses)", Map.of("INVALID", 1L, "VALID", 3L)),
                Map.entry("BOURNEMOUTH UPN", Map.of("ABSENT", 3L, "VALID", 1L)),
                Map.entry("POOLE NHS number", Map.of("VALID", 2L)),
                Map.entry("POOLE Postcode (all addresses)", Map.of("ABSENT", 1L, "VALID", 1L)),
                Map.entry("POOLE UPN", Map.of("ABSENT", 2L)));
        assertThat(stats.ethnicityRates()).containsExactly(
                new RunSummary.EthnicityRate("Asian or Asian British", 2, 2),
                new RunSummary.EthnicityRate("Not recorded", 1, 0),
                new RunSummary.EthnicityRate("White", 2, 2));
        // every record's unmapped codes, counted per source, slot and code, in character order
        assertThat(stats.unmapped()).containsExactly(
                new RunSummary.UnmappedCode("BOURNEMOUTH", "ethnicity", "ZZZ", 2),
                new RunSummary.UnmappedCode("BOURNEMOUTH", "sex", "9", 1),
                new RunSummary.UnmappedCode("POOLE", "ethnicity", "B", 1),
                new RunSummary.UnmappedCode("POOLE", "ethnicity", "b", 1),
                new RunSummary.UnmappedCode("POOLE", "sex", "9", 1));
    }
}
