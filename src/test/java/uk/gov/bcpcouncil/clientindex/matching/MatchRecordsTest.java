package uk.gov.bcpcouncil.clientindex.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.CanonicalRecord;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierCheck;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;

/** The matcher's view of a canonical record: here, the middle names it compares. */
class MatchRecordsTest {

    private static CanonicalRecord record(List<String> given, LocalDate expected, boolean placeholder) {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        return new CanonicalRecord(SourceSystem.POOLE, "P0000001", given, "Smith", List.of(), expected == null ? LocalDate.of(2015, 3, 4)
                : null, expected == null ? "ACTUAL" : "EXPECTED", expected, "F", "F", absent, absent, "WBRI", "WBR", null, List.of(),
                List.of(), "2020-01-01T00:00:00Z", placeholder, List.of(), List.of());
    }

    @Test
    void middleNamesAreTheGivenNamesAfterTheFirstAsMatchKeys() {
        MatchRecord r = MatchRecords.of(record(List.of("Chloë", "Mae Rose", "Zoë"), null, false));
        assertThat(r.firstNames()).containsExactly("CHLOE");
        assertThat(r.middleNames()).containsExactly("MAE", "ROSE", "ZOE");
    }

    @Test
    void aRecordWithOneGivenNameOrAnUnbornRecordHasNoMiddleNames() {
        assertThat(MatchRecords.of(record(List.of("Chloe"), null, false)).middleNames()).isEmpty();
        assertThat(MatchRecords.of(record(List.of(), null, false)).middleNames()).isEmpty();
        assertThat(MatchRecords.of(record(List.of("Baby", "Of Smith"), LocalDate.of(2026, 12, 1), true)).middleNames()).isEmpty();
    }

    @Test
    void thePeriodRunsFromTheEarliestAddressOrInvolvementDateToTheLatestDateOrLastUpdate() {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        List<CanonicalRecord.Address> addresses = List.of(
                new CanonicalRecord.Address("1 Kinson Road", null, LocalDate.of(2012, 5, 1), LocalDate.of(2014, 1, 31)),
                new CanonicalRecord.Address("2 Kinson Road", null, LocalDate.of(2014, 2, 1), null));
        List<CanonicalRecord.Involvement> involvements = List.of(
                new CanonicalRecord.Involvement("CHILD_IN_NEED", "N1", null, LocalDate.of(2013, 3, 1), LocalDate.of(2016, 8, 9)));
        CanonicalRecord r = new CanonicalRecord(SourceSystem.POOLE, "P0000002", List.of("Amy"), "Smith", List.of(),
                LocalDate.of(2011, 4, 2), "ACTUAL", null, "F", "F", absent, absent, "WBRI", "WBR", null, addresses,
                involvements, "2015-06-30T10:00:00", false, List.of(), List.of());
        assertThat(MatchRecords.of(r).attribute(MatchRecord.PERIOD)).isEqualTo("2012-05-01/2016-08-09");
        assertThat(MatchRecords.of(r).period()).containsExactly(LocalDate.of(2012, 5, 1), LocalDate.of(2016, 8, 9));
        assertThat(MatchRecords.of(r).attribute(MatchRecord.ETHNICITY)).isEqualTo("WBRI");
        // an address still open ends at the last update, not today
        CanonicalRecord open = new CanonicalRecord(SourceSystem.POOLE, "P0000003", List.of("Amy"), "Smith", List.of(),
                LocalDate.of(2011, 4, 2), "ACTUAL", null, "F", "F", absent, absent, "NOBT", "NOBT", null, addresses.subList(1, 2),
                List.of(), "2015-06-30T10:00:00", false, List.of(), List.of());
        assertThat(MatchRecords.of(open).attribute(MatchRecord.PERIOD)).isEqualTo("2014-02-01/2015-06-30");
        assertThat(MatchRecords.of(open).attribute(MatchRecord.ETHNICITY)).as("not obtained states none").isNull();
    }

    @Test
    void aRecordWithoutDatesHasNoPeriod() {
        assertThat(MatchRecords.of(record(List.of("Chloe"), null, false)).period()).isNull();
    }

    @Test
    void aMiddleNameThatRepeatsTheFirstNameIsNotCountedTwice() {
        assertThat(MatchRecords.of(record(List.of("Anna", "Anna", "Grace"), null, false)).middleNames()).containsExactly("GRACE");
    }

    /** The regular expression addressKey replaced, as the reference. */
    private static String addressKeyByRegex(String text) {
        String key = text.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim();
        return key.isEmpty() ? null : key;
    }

    @Test
    void anAddressKeyIsWhatTheRegularExpressionGave() {
        java.util.Random random = new java.util.Random(20261206);
        String alphabet = "ab AZ09 ,.-/'\t\n\u00e9\u00df\u0131\u00c0\u2019\uD83D\uDE00";
        List<String> samples = new java.util.ArrayList<>(List.of("", " ", "  12  Kinson Rd.,  Poole ", "flat 2/3",
                "stra\u00dfe", "\u00e9cole", "--", "a"));
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(b.toString());
        }
        String ascii = "aZ09 ,.-/'\t\n\u0000~";
        for (int i = 0; i < 5000; i++) { // ASCII only: the one-pass path
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                b.append(ascii.charAt(random.nextInt(ascii.length())));
            }
            samples.add(b.toString());
        }
        for (String text : samples) {
            assertThat(MatchRecords.addressKey(text)).as("address %s", text).isEqualTo(addressKeyByRegex(text));
        }
    }

    @Test
    void middleNamesAreSplitWhereTheRegularExpressionSplitsThem() {
        // \\s: space, tab, new line, vertical tab, form feed, carriage return; not a no-break space
        MatchRecord r = MatchRecords.of(record(List.of("Amy", " Mae\t\u000BRose\f", "Zo\u00eb\r\nLily ", "Ann\u00a0Marie",
                "amy", "   ", "Mae"), null, false));
        assertThat(r.middleNames()).containsExactly("MAE", "ROSE", "ZOE", "LILY", "ANNMARIE");
    }

    @Test
    void theFamilyNamesAreEachKeyOnceInTheOrderFirstMet() {
        IdentifierCheck absent = new IdentifierCheck(null, null, IdentifierStatus.ABSENT);
        List<CanonicalRecord.OtherName> others = List.of(
                new CanonicalRecord.OtherName("PREVIOUS", List.of(), "Jones"),
                new CanonicalRecord.OtherName("PREFERRED", List.of("Millie"), "Smith-Jones"),
                new CanonicalRecord.OtherName("PREVIOUS", List.of(), "Brown"));
        CanonicalRecord c = new CanonicalRecord(SourceSystem.POOLE, "P0000009", List.of("Amelia"), "Smith-Jones", others,
                LocalDate.of(2015, 3, 4), "ACTUAL", null, "F", "F", absent, absent, "WBRI", "WBR", null, List.of(),
                List.of(), "2020-01-01T00:00:00Z", false, List.of(), List.of());
        MatchRecord r = MatchRecords.of(c);
        assertThat(r.familyName()).isEqualTo(MatchRecords.matchKey("Smith-Jones"));
        assertThat(r.familyNames()).containsExactly(MatchRecords.matchKey("Smith-Jones"), "SMITH", "JONES", "BROWN");
        assertThat(r.firstNames()).containsExactly("AMELIA", "MILLIE");
    }

    @Test
    void anIsoDateIsWhatLocalDateParseMakesOfTheFirstTenCharacters() {
        List<String> samples = List.of("2015-06-30T10:00:00", "2015-06-30", "20240323095036", "2024-02-29 x",
                "2023-02-29", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "0000-01-01", "2023-1-01x",
                "2023/01/01", "abcd-ef-gh", "2023-01-0", "", "+2023-01-01", "\u0662023-01-01");
        for (String text : samples) {
            LocalDate expected;
            try {
                expected = text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
            } catch (java.time.DateTimeException e) {
                expected = null;
            }
            assertThat(MatchRecords.isoDate(text)).as("text %s", text).isEqualTo(expected);
        }
        assertThat(MatchRecords.isoDate(null)).isNull();
    }
}
