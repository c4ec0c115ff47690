package uk.gov.bcpcouncil.clientindex.load;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One child's client index record: the chosen value of each field, where each came from, and everything
 * the merged legacy records know (names, dates, identifiers, addresses, involvements) as history.
 *
 * @param provenance field name to the legacy record and rule that supplied its value
 * @param members    {@code SOURCE:record id} of every legacy record in this client
 */
public record GoldenRecord(String clientId, String clusterKey, String givenName, List<String> middleNames,
        String familyName, LocalDate birthDate, LocalDate expectedBirthDate, String sex, String nhsNumber, String upn,
        String ethnicity, String postcode, Map<String, Provenance> provenance, List<String> members,
        History history) {

    public record Provenance(String source, String record, String rule) {
    }

    public record History(List<Map<String, Object>> names, List<Map<String, Object>> birthDates,
            List<Map<String, Object>> identifiers, List<Map<String, Object>> addresses,
            List<Map<String, Object>> involvements) {
    }
}
