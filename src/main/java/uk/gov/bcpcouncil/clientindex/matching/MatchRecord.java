package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.List;

/**
 * What the matcher knows of one candidate record: comparison keys only (upper-case, accent-free name
 * keys), and identifiers only when valid.
 *
 * @param key         {@code SOURCE:record id}, unique in the run
 * @param firstNames  match keys of the given and preferred names that can identify the child
 * @param familyNames match keys of every family name known (current, aliases, previous, each part of a
 *                    double-barrelled name)
 * @param nhsNumber   a valid NHS number, else null
 * @param upn         a valid permanent UPN, else null
 * @param unborn      an unborn child's record or a placeholder name: never matched on similarity
 */
public record MatchRecord(String key, List<String> firstNames, String familyName, List<String> familyNames,
        LocalDate birthDate, String sex, String nhsNumber, String upn, String postcode, boolean unborn) {
}
