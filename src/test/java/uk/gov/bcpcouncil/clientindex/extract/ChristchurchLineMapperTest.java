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
}
