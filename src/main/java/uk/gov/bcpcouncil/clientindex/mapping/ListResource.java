package uk.gov.bcpcouncil.clientindex.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small list file on the classpath: one entry a line, {@code #} starts a comment, blank lines ignored.
 * Each entry keeps its line number for error messages. Stateless and thread-safe.
 */
public final class ListResource {

    /** One entry: its text (comment removed, stripped) and its 1-based line number. */
    public record Entry(String text, int line) {
    }

    private ListResource() {
    }

    public static List<Entry> read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> entries = new ArrayList<>();
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!content.isEmpty()) {
                    entries.add(new Entry(content, lineNumber));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
