package uk.gov.bcpcouncil.clientindex.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.apache.commons.lang3.StringUtils;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;

/**
 * Writes one Christchurch delivery from Dorset: {@code christchurch_clients_YYYYMMDD.txt} and
 * {@code christchurch_involvements_YYYYMMDD.txt}, Windows-1252, CRLF, '|' separated, a header
 * line, and a trailer {@code TRL|<data lines>|<sum of DCC_ID>} (see
 * {@code legacy/christchurch-extract.md}). The character set, columns and trailer tag are the
 * reader's ({@link ChristchurchFormat}), so what is written is what the job expects to read.
 *
 * <p>{@link #close()} writes the correct trailers. To make a damaged delivery for a test, call
 * {@link #closeWith(Trailer, Trailer)} with wrong trailers, or null for a file cut short before its
 * trailer. Values must not contain '|', CR or LF and must be encodable in Windows-1252 (see
 * {@link #windows1252(String)}); anything else is refused. Not thread-safe.
 */
public final class ChristchurchDeliveryWriter implements Closeable {

    private static final String SEPARATOR = "|";
    private static final String CLIENTS_HEADER = String.join(SEPARATOR, ChristchurchFormat.CLIENT_COLUMNS);
    private static final String INVOLVEMENTS_HEADER = String.join(SEPARATOR, ChristchurchFormat.INVOLVEMENT_COLUMNS);
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** One line of the clients file; null values are written empty. */
    public record Client(long dccId, String surname, String forenames, String aliasNames, String dob, String dobFlag,
            String sex, String nhs, String upn, String ethnicity, String address, String postcode, String dateOfDeath,
            String lastUpdated) {
    }

    /** One line of the involvements file; null values are written empty. */
    public record Involvement(long dccId, String type, String start, String end, String code) {
    }

    /** Control totals of a file: the number of data lines and the sum of their DCC_ID column. */
    public record Trailer(long dataLines, long dccIdSum) {

        public String line() {
            return ChristchurchFormat.TRAILER_TAG + SEPARATOR + dataLines + SEPARATOR + dccIdSum;
        }
    }

    private final Path clientsFile;
    private final Path involvementsFile;
    private final Writer clients;
    private final Writer involvements;
    private long clientLines;
    private long clientIdSum;
    private long involvementLines;
    private long involvementIdSum;
    private boolean closed;

    private ChristchurchDeliveryWriter(Path clientsFile, Path involvementsFile) throws IOException {
        this.clientsFile = clientsFile;
        this.involvementsFile = involvementsFile;
        this.clients = open(clientsFile);
        Writer second;
        try {
            second = open(involvementsFile);
        } catch (IOException e) {
            clients.close();
            throw e;
        }
        this.involvements = second;
        clients.write(CLIENTS_HEADER + CRLF);
        involvements.write(INVOLVEMENTS_HEADER + CRLF);
    }

    /** Starts a delivery in {@code directory} (created if absent), replacing files of the same date. */
    public static ChristchurchDeliveryWriter create(Path directory, LocalDate deliveryDate) throws IOException {
        Files.createDirectories(directory);
        return new ChristchurchDeliveryWriter(clientsFile(directory, deliveryDate),
                involvementsFile(directory, deliveryDate));
    }

    public static Path clientsFile(Path directory, LocalDate deliveryDate) {
        return directory.resolve("christchurch_clients_" + FILE_DATE.format(deliveryDate) + ".txt");
    }

    public static Path involvementsFile(Path directory, LocalDate deliveryDate) {
        return directory.resolve("christchurch_involvements_" + FILE_DATE.format(deliveryDate) + ".txt");
    }

    /**
     * The text with every character Windows-1252 cannot hold replaced by its unaccented form
     * (Łukasz as Lukasz, Ștefan as Stefan), as Dorset's system stores such names; characters that
     * still cannot be encoded become '?'.
     */
    public static String windows1252(String text) {
        if (text == null) {
            return null;
        }
        CharsetEncoder encoder = ChristchurchFormat.CHARSET.newEncoder();
        if (encoder.canEncode(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (encoder.canEncode(c)) {
                out.append(c);
            } else {
                String folded = StringUtils.stripAccents(String.valueOf(c));
                out.append(folded.length() == 1 && encoder.canEncode(folded.charAt(0)) ? folded : "?");
            }
        }
        return out.toString();
    }

    public void writeClient(Client c) throws IOException {
        line(clients, Long.toString(c.dccId()), c.surname(), c.forenames(), c.aliasNames(), c.dob(), c.dobFlag(),
                c.sex(), c.nhs(), c.upn(), c.ethnicity(), c.address(), c.postcode(), c.dateOfDeath(), c.lastUpdated());
        clientLines++;
        clientIdSum = Math.addExact(clientIdSum, c.dccId());
    }

    public void writeInvolvement(Involvement i) throws IOException {
        line(involvements, Long.toString(i.dccId()), i.type(), i.start(), i.end(), i.code());
        involvementLines++;
        involvementIdSum = Math.addExact(involvementIdSum, i.dccId());
    }

    /** The trailer the clients file gets from {@link #close()}. */
    public Trailer clientsTrailer() {
        return new Trailer(clientLines, clientIdSum);
    }

    /** The trailer the involvements file gets from {@link #close()}. */
    public Trailer involvementsTrailer() {
        return new Trailer(involvementLines, involvementIdSum);
    }

    public Path clientsFile() {
        return clientsFile;
    }

    public Path involvementsFile() {
        return involvementsFile;
    }

    /** Writes the correct trailers and closes both files. */
    @Override
    public void close() throws IOException {
        closeWith(clientsTrailer(), involvementsTrailer());
    }

    /**
     * Writes the given trailers (null: no trailer, as in a file cut short) and closes both files.
     * For tests that need a damaged delivery.
     */
    public void closeWith(Trailer clientsTrailer, Trailer involvementsTrailer) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (Writer c = clients; Writer i = involvements) {
            if (clientsTrailer != null) {
                c.write(clientsTrailer.line() + CRLF);
            }
            if (involvementsTrailer != null) {
                i.write(involvementsTrailer.line() + CRLF);
            }
        }
    }

    private static Writer open(Path file) throws IOException {
        CharsetEncoder encoder = ChristchurchFormat.CHARSET.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder), 1 << 16);
    }

    private static void line(Writer out, String... values) throws IOException {
        CharsetEncoder encoder = ChristchurchFormat.CHARSET.newEncoder();
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i];
            for (int c = 0; c < v.length(); c++) {
                char ch = v.charAt(c);
                if (ch == '|' || ch == '\r' || ch == '\n') {
                    throw new IllegalArgumentException("a Christchurch value must not contain '|', CR or LF: " + v);
                }
            }
            if (!NameCatalogue.isAscii(v) && !encoder.canEncode(v)) {
                throw new IllegalArgumentException("not encodable in Windows-1252: " + v);
            }
            if (i > 0) {
                line.append(SEPARATOR);
            }
            line.append(v);
        }
        out.write(line.append(CRLF).toString());
    }
}
