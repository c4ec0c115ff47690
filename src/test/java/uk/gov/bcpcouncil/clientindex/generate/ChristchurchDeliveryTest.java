package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChristchurchDeliveryTest {

    private static final LocalDate DELIVERED = LocalDate.of(2026, 11, 2);

    @TempDir
    Path dir;

    @Test
    void writesWindows1252WithCrlfHeaderAndControlTotals() throws IOException {
        try (ChristchurchDelivery delivery = ChristchurchDelivery.create(dir, DELIVERED)) {
            delivery.writeClient(client(1000001, "Ó SÚILLEABHÁIN", "ZOË"));
            delivery.writeClient(client(1000005, "SMITH", "JACK"));
            delivery.writeInvolvement(new ChristchurchDelivery.Involvement(1000005, "Child in Need", "20200101", null, "N1"));
        }

        Path clients = dir.resolve("christchurch_clients_20261102.txt");
        String text = new String(Files.readAllBytes(clients), ChristchurchDelivery.WINDOWS_1252);
        assertThat(text).startsWith(ChristchurchDelivery.CLIENTS_HEADER + "\r\n")
                .contains("1000001|Ó SÚILLEABHÁIN|ZOË|")
                .endsWith("TRL|2|2000006\r\n");
        assertThat(Files.readAllBytes(clients)).contains((byte) 0xCB); // Ë in Windows-1252
        assertThat(Files.readString(dir.resolve("christchurch_involvements_20261102.txt"), ChristchurchDelivery.WINDOWS_1252))
                .isEqualTo("DCC_ID|TYPE|START|END|CODE\r\n1000005|Child in Need|20200101||N1\r\nTRL|1|1000005\r\n");
    }

    @Test
    void canWriteAWrongTrailerOrNoneForDamagedDeliveries() throws IOException {
        ChristchurchDelivery delivery = ChristchurchDelivery.create(dir, DELIVERED);
        delivery.writeClient(client(7, "SMITH", "JACK"));
        delivery.writeClient(client(8, "JONES", "AMY"));
        delivery.closeWith(new ChristchurchDelivery.Trailer(3, 15), null);

        assertThat(Files.readString(delivery.clientsFile(), ChristchurchDelivery.WINDOWS_1252)).endsWith("TRL|3|15\r\n");
        assertThat(Files.readString(delivery.involvementsFile(), ChristchurchDelivery.WINDOWS_1252))
                .isEqualTo(ChristchurchDelivery.INVOLVEMENTS_HEADER + "\r\n");
    }

    @Test
    void refusesValuesThatWouldBreakTheFormat() throws IOException {
        try (ChristchurchDelivery delivery = ChristchurchDelivery.create(dir, DELIVERED)) {
            assertThatThrownBy(() -> delivery.writeClient(client(1, "SMITH|JONES", "JACK")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> delivery.writeClient(client(1, "KOWALCZYK", "ŁUKASZ")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(delivery.clientsTrailer()).isEqualTo(new ChristchurchDelivery.Trailer(0, 0));
        }
    }

    @Test
    void foldsOnlyWhatWindows1252CannotHold() {
        assertThat(ChristchurchDelivery.windows1252("ŁUKASZ Zoë Ștefan Llŷr Siân")).isEqualTo("LUKASZ Zoë Stefan Llyr Siân");
    }

    private static ChristchurchDelivery.Client client(long id, String surname, String forenames) {
        return new ChristchurchDelivery.Client(id, surname, forenames, null, "20150131", "A", "Female", "9434765919",
                null, "White - British", "1 High Street, Christchurch", "BH23 1AA", null, "20260101120000");
    }
}
