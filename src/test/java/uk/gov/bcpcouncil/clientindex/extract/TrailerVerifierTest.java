package uk.gov.bcpcouncil.clientindex.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailerVerifierTest {

    private static final List<String> COLUMNS = ChristchurchFormat.INVOLVEMENT_COLUMNS;
    private static final String HEADER = String.join("|", COLUMNS);

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("christchurch_involvements_20261126.txt");
        Files.write(f, (String.join("\r\n", lines) + "\r\n").getBytes(ChristchurchFormat.CHARSET));
        return f;
    }

    @Test
    void acceptsAFileWhoseTrailerMatchesItsLinesAndIdSum() throws IOException {
        Path f = file(HEADER, "10|Child in Need|20240101||N1", "32|Looked After|20230101|20240101|C2", "TRL|2|42");

        TrailerVerifier.Verified v = new TrailerVerifier().verify(f, COLUMNS);

        assertThat(v.dataLines()).isEqualTo(2);
        assertThat(v.idSum()).hasToString("42");
        assertThat(v.sha256()).hasSize(64);
    }

    @Test
    void refusesAWrongLineCount() throws IOException {
        Path f = file(HEADER, "10|Child in Need|20240101||N1", "TRL|2|10");

        assertThatThrownBy(() -> new TrailerVerifier().verify(f, COLUMNS))
                .isInstanceOf(ExtractRefusedException.class)
                .hasMessageContaining("trailer says 2 data lines").hasMessageContaining("holds 1 data lines")
                .hasMessageContaining("Nothing from this delivery was loaded");
    }

    @Test
    void refusesAWrongIdSum() throws IOException {
        Path f = file(HEADER, "10|Child in Need|20240101||N1", "TRL|1|11");

        assertThatThrownBy(() -> new TrailerVerifier().verify(f, COLUMNS))
                .isInstanceOf(ExtractRefusedException.class).hasMessageContaining("DCC_ID sum 11");
    }

    @Test
    void refusesAFileCutShortBeforeItsTrailer() throws IOException {
        Path f = file(HEADER, "10|Child in Need|20240101||N1", "11|Child in N");

        assertThatThrownBy(() -> new TrailerVerifier().verify(f, COLUMNS))
                .isInstanceOf(ExtractRefusedException.class).hasMessageContaining("no trailer line");
    }

    @Test
    void refusesLinesAfterTheTrailerAndAWrongHeader() throws IOException {
        Path after = file(HEADER, "10|Child in Need|20240101||N1", "TRL|1|10", "11|x|20240101||N1");
        assertThatThrownBy(() -> new TrailerVerifier().verify(after, COLUMNS))
                .hasMessageContaining("lines after the trailer");

        Path header = file("DCC_ID|TYPE", "TRL|0|0");
        assertThatThrownBy(() -> new TrailerVerifier().verify(header, COLUMNS)).hasMessageContaining("header");
    }

    /**
     * A clients file must hold each DCC_ID once: staged twice, one line's record would replace the other's. The
     * refusal counts the repeated lines and names no DCC_ID. An involvements file repeats them by design.
     */
    @Test
    void refusesAClientsFileHoldingADccIdTwiceButNotAnInvolvementsFile() throws IOException {
        String clientsHeader = String.join("|", ChristchurchFormat.CLIENT_COLUMNS);
        String blank = "|".repeat(ChristchurchFormat.CLIENT_COLUMNS.size() - 1);
        Path clients = dir.resolve("christchurch_clients_20261126.txt");
        Files.write(clients, String.join("\r\n", clientsHeader, "40917" + blank, "52210" + blank, "40917" + blank,
                "TRL|3|134044", "").getBytes(ChristchurchFormat.CHARSET));

        assertThatThrownBy(() -> new TrailerVerifier().verify(clients, ChristchurchFormat.CLIENT_COLUMNS, true))
                .isInstanceOf(ExtractRefusedException.class)
                .hasMessageContaining("holds 1 line(s) whose DCC_ID an earlier line holds")
                .hasMessageContaining("Nothing from this delivery was loaded")
                .hasMessageNotContaining("40917");
        assertThat(new TrailerVerifier().verify(clients, ChristchurchFormat.CLIENT_COLUMNS).dataLines())
                .as("without the check, the totals alone agree").isEqualTo(3);

        Path involvements = file(HEADER, "10|Child in Need|20240101||N1", "10|Looked After|20230101|20240101|C2",
                "TRL|2|20");
        assertThat(new TrailerVerifier().verify(involvements, COLUMNS).dataLines()).isEqualTo(2);
    }

    @Test
    void findsTheNewestCompleteDelivery() throws IOException {
        Files.writeString(dir.resolve("christchurch_clients_20261101.txt"), "x");
        Files.writeString(dir.resolve("christchurch_involvements_20261101.txt"), "x");
        Files.writeString(dir.resolve("christchurch_clients_20261120.txt"), "x");
        Files.writeString(dir.resolve("christchurch_involvements_20261120.txt"), "x");
        Files.writeString(dir.resolve("christchurch_clients_20261125.txt"), "x"); // involvements not yet delivered

        assertThat(ChristchurchDelivery.newestComplete(dir)).get().extracting(ChristchurchDelivery::date)
                .isEqualTo("20261120");
    }
}
