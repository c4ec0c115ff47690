package uk.gov.bcpcouncil.clientindex.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesUtf8WithBomAndNeutralisesFormulas() throws Exception {
        Path file = dir.resolve("x.csv");
        try (ExcelCsv csv = ExcelCsv.create(file, "a", "b", "c")) {
            csv.row("=HYPERLINK(\"http://evil\")", "+1", "-2+3");
            csv.row("@SUM(A1)", "\tx", "\rx");
            csv.row("Zoë O'Neil", -3.5, null);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("a,b,c\r\n")
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-2+3\r\n")
                .contains("'@SUM(A1),'\tx,\"'\rx\"\r\n")
                .contains("Zoë O'Neil,-3.5,\r\n");
    }

    @Test
    void masksPersonalValues() {
        assertThat(Masking.name("jessica", "Smith-Jones")).isEqualTo("J. S.");
        assertThat(Masking.birth(LocalDate.of(2015, 3, 9))).isEqualTo("2015-**-**");
        assertThat(Masking.nhs("943 476 5919")).isEqualTo("*** *** *919");
        assertThat(Masking.postcode("bh1 1aa")).isEqualTo("BH1 ***");
        assertThat(Masking.name(null, null)).isEmpty();
    }
}
