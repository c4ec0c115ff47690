package uk.gov.bcpcouncil.clientindex.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Writes the ground truth CSV (UTF-8, RFC 4180, header
 * {@code source_system,source_record_id,true_child_id,kind}), sorted by source system and then
 * record ID. Rows arrive block by block in ID order per system; each system's rows go to a
 * temporary file beside the truth file, and {@link #finish()} joins them.
 */
final class TruthWriter implements Closeable {

    static final String[] HEADER = {"source_system", "source_record_id", "true_child_id", "kind"};

    private final Path truthCsv;
    private final Map<SourceSystem, Path> parts = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, CSVPrinter> printers = new EnumMap<>(SourceSystem.class);
    private long rows;

    TruthWriter(Path truthCsv) throws IOException {
        this.truthCsv = truthCsv.toAbsolutePath();
        Files.createDirectories(this.truthCsv.getParent());
        try {
            for (SourceSystem system : SourceSystem.values()) {
                Path part = Files.createTempFile(this.truthCsv.getParent(), ".truth-" + system.name().toLowerCase(), ".part");
                parts.put(system, part);
                printers.put(system, new CSVPrinter(Files.newBufferedWriter(part, StandardCharsets.UTF_8), CSVFormat.RFC4180));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    void row(SourceSystem system, String sourceRecordId, String trueChildId, String kind) throws IOException {
        printers.get(system).printRecord(system.name(), sourceRecordId, trueChildId, kind);
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Writes the truth file from the parts. */
    void finish() throws IOException {
        for (CSVPrinter printer : printers.values()) {
            printer.flush();
        }
        try (OutputStream out = Files.newOutputStream(truthCsv)) {
            out.write(CSVFormat.RFC4180.format((Object[]) HEADER).concat("\r\n").getBytes(StandardCharsets.UTF_8));
            for (SourceSystem system : SourceSystem.values()) {
                Files.copy(parts.get(system), out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (SourceSystem system : SourceSystem.values()) {
            try {
                CSVPrinter printer = printers.get(system);
                if (printer != null) {
                    printer.close();
                }
                Path part = parts.get(system);
                if (part != null) {
                    Files.deleteIfExists(part);
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
