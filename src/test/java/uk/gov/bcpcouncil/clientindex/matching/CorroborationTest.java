package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which matches on names and date of birth alone go to review instead of being merged. */
class CorroborationTest {

    private static final NameVariants VARIANTS = NameVariants.load(Path.of("mappings", NameVariants.FILE));
    private static final List<Comparison> COMPARISONS = Comparisons.children(VARIANTS);
    private static final Corroboration CORROBORATION = new Corroboration(COMPARISONS);
    private static final LocalDate DOB = LocalDate.of(2014, 6, 3);

    /** Aisha Khan born on DOB, with only what each test gives her. */
    private static MatchRecord child(String key, LocalDate dob, String postcode, String address, String upn, String period,
            String ethnicity, String middle) {
        Map<String, String> attributes = new HashMap<>();
        if (period != null) {
            attributes.put(MatchRecord.PERIOD, period);
        }
        if (ethnicity != null) {
            attributes.put(MatchRecord.ETHNICITY, ethnicity);
        }
        if (middle != null) {
            attributes.put(MatchRecord.MIDDLE_NAMES, middle);
        }
        return new MatchRecord(key, List.of("AISHA"), "KHAN", List.of("KHAN"), dob, "F", null, upn, postcode, false,
                postcode == null ? List.of() : List.of(postcode), address == null ? List.of() : List.of(address), List.of(),
                null, attributes);
    }

    private static MatchRecord child(String key, String postcode, String address, String period) {
        return child(key, DOB, postcode, address, null, period, null, null);
    }

    private static String doubt(MatchRecord a, MatchRecord b) {
        int[] levels = new int[COMPARISONS.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = COMPARISONS.get(i).level(a, b);
        }
        return CORROBORATION.doubt(a, b, levels);
    }

    @Test
    void namesAndDateOfBirthAloneInTwoSystemsOneAfterTheOtherStandAsAMatch() {
        assertThat(doubt(child("POOLE:1", "BH15 1SH", "1 WATERLOO ROAD POOLE", "2015-01-01/2018-06-30"),
                child("BOURNEMOUTH:2", "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", "2018-03-01/2022-01-01"))).isNull();
    }

    @Test
    void namesAndDateOfBirthAloneInOneSystemGoToReview() {
        assertThat(doubt(child("POOLE:1", "BH15 1SH", "1 WATERLOO ROAD POOLE", null),
                child("POOLE:2", "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", null))).isEqualTo(Corroboration.ONE_SOURCE);
    }

    @Test
    void anAddressOrPostcodeInCommonCorroboratesAMatchInOneSystem() {
        assertThat(doubt(child("POOLE:1", "BH15 1SH", "1 WATERLOO ROAD POOLE", null),
                child("POOLE:2", "BH15 1SH", "1 WATERLOO ROAD POOLE", null))).isNull();
        assertThat(doubt(child("POOLE:1", "BH15 1SH", null, null), child("POOLE:2", "BH15 1SH", null, null))).isNull();
    }

    @Test
    void aPostcodeDistrictAloneDoesNotCorroborate() {
        assertThat(doubt(child("POOLE:1", "BH15 1SH", "1 WATERLOO ROAD POOLE", null),
                child("POOLE:2", "BH15 2AB", "9 HIGH STREET POOLE", null))).isEqualTo(Corroboration.ONE_SOURCE);
    }

    @Test
    void twoSystemsFollowingTheChildAtTwoAddressesForMoreThanTwoYearsAtOnceGoToReview() {
        MatchRecord poole = child("POOLE:1", "BH15 1SH", "1 WATERLOO ROAD POOLE", "2015-01-01/2020-12-31");
        assertThat(doubt(poole, child("BOURNEMOUTH:2", "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", "2017-06-01/2022-01-01")))
                .as("three and a half years side by side").isEqualTo(Corroboration.SIDE_BY_SIDE);
        assertThat(doubt(poole, child("BOURNEMOUTH:2", "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", "2019-01-02/2022-01-01")))
                .as("two years less a day").isNull();
        assertThat(doubt(poole, child("BOURNEMOUTH:2", "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", null)))
                .as("no period known").isNull();
        assertThat(doubt(poole, child("BOURNEMOUTH:2", "BH15 1SH", "1 WATERLOO ROAD POOLE", "2015-01-01/2020-12-31")))
                .as("one address: corroborated").isNull();
    }

    @Test
    void differentStatedEthnicitiesWithNothingElseInCommonGoToReview() {
        MatchRecord a = child("POOLE:1", DOB, "BH15 1SH", null, null, null, "APKN", null);
        assertThat(doubt(a, child("BOURNEMOUTH:2", DOB, "BH1 4SL", null, null, null, "BAFR", null)))
                .isEqualTo(Corroboration.ETHNICITY);
        assertThat(doubt(a, child("BOURNEMOUTH:2", DOB, "BH1 4SL", null, null, null, "APKN", null))).isNull();
        assertThat(doubt(a, child("BOURNEMOUTH:2", DOB, "BH1 4SL", null, null, null, null, null))).as("none stated").isNull();
        assertThat(doubt(a, child("BOURNEMOUTH:2", DOB, "BH15 1SH", null, null, null, "BAFR", null)))
                .as("a postcode in common").isNull();
    }

    @Test
    void withoutADateOfBirthNamesNeedAnIdentifierOrAnAddressAndItsPostcode() {
        MatchRecord undated = child("POOLE:1", null, "BH15 1SH", "1 WATERLOO ROAD POOLE", null, null, null, "GRACE");
        assertThat(doubt(undated, child("BOURNEMOUTH:2", DOB, "BH1 4SL", "50 CHARMINSTER ROAD BOURNEMOUTH", null, null, null,
                "GRACE"))).as("a middle name in common").isEqualTo(Corroboration.WITHOUT_DATE_OF_BIRTH);
        assertThat(doubt(undated, child("BOURNEMOUTH:2", DOB, "BH1 4SL", "1 WATERLOO ROAD POOLE", null, null, null, null)))
                .as("an address without its postcode").isEqualTo(Corroboration.WITHOUT_DATE_OF_BIRTH);
        assertThat(doubt(undated, child("BOURNEMOUTH:2", DOB, "BH15 1SH", "1 WATERLOO ROAD POOLE", null, null, null, null)))
                .as("address and postcode").isNull();
        MatchRecord withUpn = child("POOLE:1", null, "BH15 1SH", null, "A123456789012", null, null, null);
        assertThat(doubt(withUpn, child("BOURNEMOUTH:2", DOB, "BH1 4SL", null, "A123456789012", null, null, null)))
                .as("a UPN in common").isNull();
    }
}
