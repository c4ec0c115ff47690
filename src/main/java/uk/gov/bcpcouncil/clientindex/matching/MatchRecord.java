package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the matcher knows of one candidate record: comparison keys only (upper-case, accent-free name
 * keys), and identifiers only when valid.
 *
 * @param key          {@code SOURCE:record id}, unique in the run
 * @param firstNames   match keys of the given and preferred names that can identify the child
 * @param familyNames  match keys of every family name known (current, aliases, previous, each part of a
 *                     double-barrelled name)
 * @param nhsNumber    a valid NHS number, else null
 * @param upn          a valid permanent UPN, else null
 * @param postcode     the current postcode, else null
 * @param unborn       an unborn child's record or a placeholder name: never matched on similarity
 * @param postcodes    every postcode known (current first), normalised
 * @param addresses    every address known, upper case with single spaces
 * @param formerUpns   valid UPNs the record says the child held before
 * @param expectedDate an unborn child's expected date of birth, else null
 * @param attributes   further fields compared as ordinary fields (the FEBRL benchmark's street number,
 *                     suburb, state and {@code soc_sec_id}; the children's {@value #MIDDLE_NAMES}); never used by a
 *                     guard
 */
public record MatchRecord(String key, List<String> firstNames, String familyName, List<String> familyNames,
        LocalDate birthDate, String sex, String nhsNumber, String upn, String postcode, boolean unborn,
        List<String> postcodes, List<String> addresses, List<String> formerUpns, LocalDate expectedDate,
        Map<String, String> attributes) {

    public MatchRecord {
        firstNames = List.copyOf(firstNames);
        familyNames = List.copyOf(familyNames);
        postcodes = postcodes == null ? (postcode == null ? List.of() : List.of(postcode)) : List.copyOf(postcodes);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        formerUpns = formerUpns == null ? List.of() : List.copyOf(formerUpns);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The first version's view: names, date of birth, sex, identifiers and the current postcode. */
    public MatchRecord(String key, List<String> firstNames, String familyName, List<String> familyNames,
            LocalDate birthDate, String sex, String nhsNumber, String upn, String postcode, boolean unborn) {
        this(key, firstNames, familyName, familyNames, birthDate, sex, nhsNumber, upn, postcode, unborn, null, null,
                null, null, null);
    }

    /** The source part of the key ({@code BOURNEMOUTH}, or a benchmark file's tag). */
    public String source() {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Attribute holding the match keys of the middle names, separated by {@link #MIDDLE_NAME_SEPARATOR}. */
    public static final String MIDDLE_NAMES = "middle_names";
    static final String MIDDLE_NAME_SEPARATOR = " ";

    /**
     * Attribute holding the period the record describes, {@code yyyy-mm-dd/yyyy-mm-dd}: from its earliest address
     * or involvement date to its latest address end, involvement date or last update. Absent when the record has no
     * such dates (and for unborn records).
     */
    public static final String PERIOD = "period";

    /**
     * Attribute holding the record's ethnicity (a DfE code) when it states one: absent for no code, an unmapped
     * one, {@code NOBT} (not yet obtained) and {@code REFU} (refused).
     */
    public static final String ETHNICITY = "ethnicity";

    /** The first and last day of {@link #PERIOD}, or null when the record has none. */
    public LocalDate[] period() {
        String p = attributes.get(PERIOD);
        if (p == null) {
            return null;
        }
        int slash = p.indexOf('/');
        return new LocalDate[] {LocalDate.parse(p.substring(0, slash)), LocalDate.parse(p.substring(slash + 1))};
    }

    /** The match keys of the record's middle names (given names after the first), in order; empty when none. */
    public List<String> middleNames() {
        String joined = attributes.get(MIDDLE_NAMES);
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(MIDDLE_NAME_SEPARATOR));
    }
}
