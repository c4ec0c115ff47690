package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchDelivery;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;
import uk.gov.bcpcouncil.clientindex.extract.ExtractRefusedException;
import uk.gov.bcpcouncil.clientindex.extract.TrailerVerifier;

class ChristchurchDeliveryWriterTest {

    private static final LocalDate DELIVERED = LocalDate.of(2026, 11, 2);
    private static final String CLIENTS_HEADER = String.join("|", ChristchurchFormat.CLIENT_COLUMNS);
    private static final String INVOLVEMENTS_HEADER = String.join("|", ChristchurchFormat.INVOLVEMENT_COLUMNS);

    @TempDir
    Path dir;

    @Test
    void writesWindows1252WithCrlfHeaderAndControlTotals() throws IOException {
        try (ChristchurchDeliveryWriter delivery = ChristchurchDeliveryWriter.create(dir, DELIVERED)) {
            delivery.writeClient(client(1000001, "Ó SÚILLEABHÁIN", "ZOË"));
            delivery.writeClient(client(1000005, "SMITH", "JACK"));
            delivery.writeInvolvement(
                    new ChristchurchDeliveryWriter.Involvement(1000005, "Child in Need", "20200101", null, "N1"));
        }

        Path clients = dir.resolve("christchurch_clients_20261102.txt");
        String text = new String(Files.readAllBytes(clients), ChristchurchFormat.CHARSET);
        assertThat(text).startsWith(CLIENTS_HEADER + "\r\n")
                .contains("1000001|Ó SÚILLEABHÁIN|ZOË|")
                .endsWith("TRL|2|2000006\r\n");
        assertThat(Files.readAllBytes(clients)).contains((byte) 0xCB); // Ë in Windows-1252
        assertThat(Files.readString(dir.resolve("christchurch_involvements_20261102.txt"), ChristchurchFormat.CHARSET))
                .isEqualTo("DCC_ID|TYPE|START|END|CODE\r\n1000005|Child in Need|20200101||N1\r\nTRL|1|1000005\r\n");
    }

    @Test
    void canWriteAWrongTrailerOrNoneForDamagedDeliveries() throws IOException {
        ChristchurchDeliveryWriter delivery = ChristchurchDeliveryWriter.create(dir, DELIVERED);
        delivery.writeClient(client(7, "SMITH", "JACK"));
        delivery.writeClient(client(8, "JONES", "AMY"));
        delivery.closeWith(new ChristchurchDeliveryWriter.Trailer(3, 15), null);

        assertThat(Files.readString(delivery.clientsFile(), ChristchurchFormat.CHARSET)).endsWith("TRL|3|15\r\n");
        assertThat(Files.readString(delivery.involvementsFile(), ChristchurchFormat.CHARSET))
                .isEqualTo(INVOLVEMENTS_HEADER + "\r\n");
    }

    @Test
    void refusesValuesThatWouldBreakTheFormat() throws IOException {
        try (ChristchurchDeliveryWriter delivery = ChristchurchDeliveryWriter.create(dir, DELIVERED)) {
            assertThatThrownBy(() -> delivery.writeClient(client(1, "SMITH|JONES", "JACK")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> delivery.writeClient(client(1, "KOWALCZYK", "ŁUKASZ")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(delivery.clientsTrailer()).isEqualTo(new ChristchurchDeliveryWriter.Trailer(0, 0));
        }
    }

    @Test
    void foldsOnlyWhatWindows1252CannotHold() {
        assertThat(ChristchurchDeliveryWriter.windows1252("ŁUKASZ Zoë Ștefan Llŷr Siân"))
                .isEqualTo("LUKASZ Zoë Stefan Llyr Siân");
    }

    @Test
    void recordsHoldTheReaderColumnsInTheReaderOrder() {
        assertThat(columnsOf(ChristchurchDeliveryWriter.Client.class)).isEqualTo(ChristchurchFormat.CLIENT_COLUMNS);
        assertThat(columnsOf(ChristchurchDeliveryWriter.Involvement.class))
                .isEqualTo(ChristchurchFormat.INVOLVEMENT_COLUMNS);
    }

    @Test
    void theReaderAcceptsAWrittenDeliveryAndRefusesADamagedOne() throws IOException {
        ChristchurchDeliveryWriter delivery = ChristchurchDeliveryWriter.create(dir, DELIVERED);
        delivery.writeClient(client(1000001, "Ó SÚILLEABHÁIN", "ZOË"));
        delivery.writeClient(client(1000005, "SMITH", "JACK"));
        delivery.writeInvolvement(
                new ChristchurchDeliveryWriter.Involvement(1000005, "Child in Need", "20200101", null, "N1"));
        delivery.closeWith(delivery.clientsTrailer(), null);

        assertThat(ChristchurchDelivery.newestComplete(dir)).get().satisfies(found -> {
            assertThat(found.clientsFile()).isEqualTo(delivery.clientsFile());
            assertThat(found.involvementsFile()).isEqualTo(delivery.involvementsFile());
        });
        TrailerVerifier verifier = new TrailerVerifier();
        TrailerVerifier.Verified clients = verifier.verify(delivery.clientsFile(), ChristchurchFormat.CLIENT_COLUMNS);
        assertThat(clients.dataLines()).isEqualTo(2);
        assertThat(clients.idSum()).hasToString("2000006");
        assertThatThrownBy(() -> verifier.verify(delivery.involvementsFile(), ChristchurchFormat.INVOLVEMENT_COLUMNS))
                .isInstanceOf(ExtractRefusedException.class);
    }

    /** DCC_ID for dccId, ALIAS_NAMES for aliasNames, ... */
    private static List<String> columnsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .map(n -> n.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)).toList();
    }

    private static ChristchurchDeliveryWriter.Client client(long id, String surname, String forenames) {
        return new ChristchurchDeliveryWriter.Client(id, surname, forenames, null, "20150131", "A", "Female",
                "9434765919", null, "White - British", "1 High Street, Christchurch", "BH23 1AA", null,
                "20260101120000");
    }
}
