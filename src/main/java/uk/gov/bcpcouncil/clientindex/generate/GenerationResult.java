package uk.gov.bcpcouncil.clientindex.generate;

import java.nio.file.Path;

/**
 * What {@link LegacyDataGenerator#generate} wrote.
 *
 * @param bournemouth                   rows written to the Bournemouth database
 * @param poole                         rows written to the Poole database
 * @param christchurch                  data lines written to the Christchurch extract
 * @param trueChildren                  distinct true children in the truth (equals the settings' children)
 * @param christchurchClientsFile       {@code christchurch_clients_YYYYMMDD.txt}
 * @param christchurchInvolvementsFile  {@code christchurch_involvements_YYYYMMDD.txt}
 * @param truthCsv                      the ground truth, one row per person record in every source
 */
public record GenerationResult(
        SourceCounts bournemouth,
        SourceCounts poole,
        SourceCounts christchurch,
        long trueChildren,
        Path christchurchClientsFile,
        Path christchurchInvolvementsFile,
        Path truthCsv) {

    /**
     * Counts for one source.
     *
     * @param persons           person records: Bournemouth {@code client}, Poole {@code person}, Christchurch client lines
     * @param addresses         Bournemouth {@code client_address}, Poole {@code person_address} rows;
     *                          Christchurch client lines with an address or postcode
     * @param aliases           Poole {@code person_alias} rows; names in Christchurch ALIAS_NAMES; 0 for Bournemouth
     * @param involvements      Bournemouth {@code client_involvement}, Poole {@code episode} rows,
     *                          Christchurch involvement lines
     * @param invalidNhsNumbers person records whose NHS number was deliberately mistyped so that it
     *                          fails Modulus 11; every other recorded NHS number passes
     */
    public record SourceCounts(long persons, long addresses, long aliases, long involvements, long invalidNhsNumbers) {
    }

    /** Person records in all three sources: the number of rows in the truth file. */
    public long personRecords() {
        return bournemouth.persons() + poole.persons() + christchurch.persons();
    }
}
