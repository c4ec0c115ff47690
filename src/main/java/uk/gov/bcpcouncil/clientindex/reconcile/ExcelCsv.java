package uk.gov.bcpcouncil.clientindex.reconcile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV files that open cleanly in Excel: UTF-8 with a byte-order mark, RFC 4180 with CRLF, and no formula
 * injection: a text value starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return gets a leading apostrophe, so Excel shows it as text instead of evaluating it. Numbers are
 * written as numbers; dates are written by callers in ISO 8601. Not thread-safe (one file per instance).
 */
public final class ExcelCsv implements AutoCloseable {

    private final CSVPrinter printer;

    private ExcelCsv(CSVPrinter printer) {
        this.printer = printer;
    }

    public static ExcelCsv create(Path file, String... header) throws IOException {
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write('\uFEFF');
        return new ExcelCsv(new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get()));
    }

    public void row(Object... values) throws IOException {
        List<Object> safe = new ArrayList<>(values.length);
        for (Object v : values) {
            safe.add(v instanceof Number ? v : neutralise(v == null ? null : String.valueOf(v)));
        }
        printer.printRecord(safe);
    }

    /** The value as Excel should show it: text that Excel would read as a formula is prefixed with an apostrophe. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
