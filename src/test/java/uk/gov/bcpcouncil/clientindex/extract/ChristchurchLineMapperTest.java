package uk.gov.bcpcouncil.clientindex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChristchurchLineMapperTest {

    private final ChristchurchLineMapper clients = new ChristchurchLineMapper(Entity.PERSON,
            ChristchurchFormat.CLIENT_COLUMNS);

    @Test
    void mapsAClientLineByHeaderColumnsKeepingEmptyValuesAsNull() {
        StagedRow row = clients.mapLine(
                "1001|SMITH-JONES|MARY ELLEN||20150301|A|Female|9434765919||White - British|1 High St, Christchurch|BH23 1AA||20240101120000",
                2);

        assertThat(row.rowId()).isEqualTo("1001");
        assertThat(row.data()).containsEntry("surname", "SMITH-JONES").containsEntry("alias_names", null)
                .containsEntry("last_updated", "20240101120000").doesNotContainKey(ChristchurchLineMapper.MALFORMED);
    }

    @Test
    void keepsAMalformedLineAsARejectInsteadOfDroppingIt() {
        StagedRow row = clients.mapLine("1002|SMITH|JOHN", 7);

        assertThat(row.rowId()).isEqualTo("1002");
        assertThat(row.data().get(ChristchurchLineMapper.MALFORMED)).contains("line 7 has 3 values");
    }

    @Test
    void endsTheReadAtTheTrailer() {
        assertThat(clients.mapLine("TRL|1|1001", 3)).isNull();
    }

    private static final String GOOD = "1001|SMITH|MARY||20150301|A|Female|9434765919||White - British|1 High St|BH23 1AA||20240101120000";

    @Test
    void rejectsAnInvalidWindows1252ByteWithAReasonInsteadOfReplacingItSilently() {
        // 0x81 has no character in Windows-1252: the reader decodes it to U+FFFD
        StagedRow row = clients.mapLine(GOOD.replace("MARY", "MA\uFFFDRY"), 4);

        assertThat(row.data().get(ChristchurchLineMapper.MALFORMED))
                .isEqualTo("line 4: forenames holds bytes that are not valid Windows-1252");
        assertThat(row.data().get("forenames")).isNull();
    }

    @Test
    void rejectsControlCharactersOversizedValuesAndWrongTypesNamingTheFieldNotTheValue() {
        assertThat(clients.mapLine(GOOD.replace("SMITH", "SMI\u0007TH"), 5).data().get(ChristchurchLineMapper.MALFORMED))
                .isEqualTo("line 5: surname holds a control character (U+0007)");
        assertThat(clients.mapLine(GOOD.replace("1 High St", "x".repeat(1500)), 6).data()
                .get(ChristchurchLineMapper.MALFORMED)).isEqualTo("line 6: address is 1500 characters long, over the limit of 1000");
        StagedRow wrongDate = clients.mapLine(GOOD.replace("20150301", "01/03/2015"), 7);
        assertThat(wrongDate.data().get(ChristchurchLineMapper.MALFORMED)).isEqualTo("line 7: DOB is not a date (YYYYMMDD)")
                .doesNotContain("2015");
        assertThat(wrongDate.data().get("dob")).isNull();
        assertThat(clients.mapLine(GOOD.replace("1001|", "10O1|"), 8).data().get(ChristchurchLineMapper.MALFORMED))
                .isEqualTo("line 8 has no numeric DCC_ID");
    }

    @Test
    void rejectsAnInvolvementLineWithAMissingColumn() {
        ChristchurchLineMapper involvements = new ChristchurchLineMapper(Entity.INVOLVEMENT,
                ChristchurchFormat.INVOLVEMENT_COLUMNS);
        StagedRow row = involvements.mapLine("1001|Child in Need|20200101|N1", 9);

        assertThat(row.rowId()).isEqualTo("L9");
        assertThat(row.data().get(ChristchurchLineMapper.MALFORMED)).isEqualTo("line 9 has 4 values, expected 5");
    }
}
