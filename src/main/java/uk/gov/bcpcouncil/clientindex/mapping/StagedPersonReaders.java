package uk.gov.bcpcouncil.clientindex.mapping;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Reads the run's staged person rows with their child rows (addresses, involvements, aliases), in
 * {@code person_key} ({@code SOURCE:record id}) order. Keyset paging on that indexed column: the reader
 * {@value #NAME} stores the last key read in the step ExecutionContext ({@code stagedPersonReader.read.count},
 * {@code stagedPersonReader.start.after}), so a restart continues after the last committed record.
 * <p>Each page is two queries: the page of person rows (an index range scan of the run's staging partition's unique
 * person key), then the child rows of those persons in one query per source (the range of the page's person ids, on
 * the partition's index of child rows), ordered by person, entity and {@code row_id} and attached in Java; each
 * person's child rows keep {@code row_id} order, as before. (It replaced three correlated {@code jsonb_agg}
 * subqueries per person, which made the step read about 2,000 persons a second.)
 * <p>Reads only (idempotent: rereading a page has no effect). Not thread-safe: one reader per step execution
 * ({@code @StepScope}).
 */
public final class StagedPersonReaders {

    public static final String NAME = "stagedPersonReader";

    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() {
    };

    /**
     * The child rows of the persons from the page's smallest to its largest person id of one source (bounds taken by
     * the server, in byte order, the order of the staging partition's index of child rows): one range scan of that
     * index, instead of one index descent per person and entity ({@code = ANY}). The range holds every person of the
     * page; rows of a person in the range but not in the page (one carried over by an incremental run) are skipped.
     */
    private static final String CHILDREN = "SELECT person_id, entity, data::text FROM ci_stg_row"
            + " WHERE run_id = ? AND source_system COLLATE \"C\" = ? AND entity <> 'PERSON'"
            + " AND person_id COLLATE \"C\" >= (SELECT min(i COLLATE \"C\") FROM unnest(?::text[]) i)"
            + " AND person_id COLLATE \"C\" <= (SELECT max(i COLLATE \"C\") FROM unnest(?::text[]) i)"
            + " ORDER BY person_id COLLATE \"C\", entity, row_id";

    private StagedPersonReaders() {
    }

    public static JdbcPagingItemReader<StagedPerson> reader(DataSource target, String runId, int pageSize,
            JsonMapper json) throws Exception {
        return reader(target, runId, pageSize, json, null, null);
    }

    /**
     * A reader of the persons whose {@code person_key} is from {@code from} (inclusive) to {@code to}
     * (exclusive), either {@code null} for open, for a partition of {@code mapRecords}: same name and restart
     * keys, kept in the partition's own ExecutionContext.
     */
    public static JdbcPagingItemReader<StagedPerson> reader(DataSource target, String runId, int pageSize,
            JsonMapper json, String from, String to) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("runId", runId);
        String where = "p.run_id = :runId AND p.entity = 'PERSON'";
        if (from != null) {
            where += " AND p.person_key >= :rangeFrom";
            params.put("rangeFrom", from);
        }
        if (to != null) {
            where += " AND p.person_key < :rangeTo";
            params.put("rangeTo", to);
        }
        PostgresPagingQueryProvider provider = new PostgresPagingQueryProvider();
        provider.setSelectClause("SELECT p.person_key, p.source_system, p.row_id, p.data::text AS data");
        provider.setFromClause("FROM ci_stg_row p");
        // a record already mapped in this run (carried over unchanged by an incremental run) is not mapped again
        provider.setWhereClause(where + " AND NOT p.carried");
        provider.setSortKeys(Map.of("person_key", Order.ASCENDING));
        PageReader reader = new PageReader(target, provider, runId, json);
        reader.setName(NAME);
        reader.setParameterValues(params);
        reader.setPageSize(pageSize);
        reader.setFetchSize(pageSize);
        reader.setRowMapper((rs, n) -> new StagedPerson(SourceSystem.valueOf(rs.getString("source_system")),
                rs.getString("row_id"), row(json, rs.getString("data")), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>()));
        reader.setSaveState(true);
        reader.afterPropertiesSet();
        return reader;
    }

    /**
     * A staged row's columns from its JSON: a flat object of strings and nulls, read token by token (Jackson's
     * streaming parser; the map deserialiser cost about as much again); anything else is left to the data binder.
     */
    static Map<String, String> row(JsonMapper json, String text) {
        Map<String, String> flat = flat(text);
        if (flat != null) {
            return flat;
        }
        Map<String, String> row = new LinkedHashMap<>();
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return json.readValue(text, ROW);
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    row.put(name, parser.getString());
                } else if (value == JsonToken.VALUE_NULL) {
                    row.put(name, null);
                } else {
                    return json.readValue(text, ROW);
                }
            }
        }
        return row;
    }

    /**
     * A flat JSON object of strings and nulls (what {@code jsonb::text} gives for a staged row) read without a
     * parser: each row's Jackson parser, with its buffers and contexts, cost more than the parse itself. Null for
     * anything else (another value type, a nested value, text that is not such an object), which is left to Jackson.
     */
    static Map<String, String> flat(String text) {
        int n = text.length();
        int i = skipSpace(text, 0);
        if (i >= n || text.charAt(i) != '{') {
            return null;
        }
        Map<String, String> row = new LinkedHashMap<>();
        i = skipSpace(text, i + 1);
        if (i < n && text.charAt(i) == '}') {
            return skipSpace(text, i + 1) == n ? row : null;
        }
        StringBuilder buffer = new StringBuilder();
        int[] end = new int[1];
        while (true) {
            String name = string(text, i, end, buffer);
            if (name == null) {
                return null;
            }
            i = skipSpace(text, end[0]);
            if (i >= n || text.charAt(i) != ':') {
                return null;
            }
            i = skipSpace(text, i + 1);
            String value;
            if (text.startsWith("null", i)) {
                value = null;
                i += 4;
            } else {
                value = string(text, i, end, buffer);
                if (value == null) {
                    return null;
                }
                i = end[0];
            }
            row.put(name, value);
            i = skipSpace(text, i);
            if (i >= n) {
                return null;
            }
            char c = text.charAt(i);
            if (c == '}') {
                return skipSpace(text, i + 1) == n ? row : null;
            }
            if (c != ',') {
                return null;
            }
            i = skipSpace(text, i + 1);
        }
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The JSON string at {@code i} (its end in {@code end[0]}), or null when there is none or it is malformed. */
    private static String string(String text, int i, int[] end, StringBuilder buffer) {
        int n = text.length();
        if (i >= n || text.charAt(i) != '"') {
            return null;
        }
        int start = i + 1;
        int j = start;
        while (j < n) { // the common case: nothing escaped, one substring
            char c = text.charAt(j);
            if (c == '"') {
                end[0] = j + 1;
                return text.substring(start, j);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            j++;
        }
        buffer.setLength(0);
        buffer.append(text, start, j);
        while (j < n) {
            char c = text.charAt(j);
            if (c == '"') {
                end[0] = j + 1;
                return buffer.toString();
            }
            if (c < 0x20) {
                return null; // a raw control character: not JSON
            }
            if (c != '\\') {
                buffer.append(c);
                j++;
                continue;
            }
            if (j + 1 >= n) {
                return null;
            }
            char e = text.charAt(j + 1);
            switch (e) {
                case '"', '\\', '/' -> buffer.append(e);
                case 'b' -> buffer.append('\b');
                case 'f' -> buffer.append('\f');
                case 'n' -> buffer.append('\n');
                case 'r' -> buffer.append('\r');
                case 't' -> buffer.append('\t');
                case 'u' -> {
                    if (j + 6 > n) {
                        return null;
                    }
                    int code = 0;
                    for (int k = j + 2; k < j + 6; k++) {
                        char h = text.charAt(k);
                        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                        if (d < 0) {
                            return null;
                        }
                        code = code * 16 + d;
                    }
                    buffer.append((char) code);
                    j += 4;
                }
                default -> {
                    return null;
                }
            }
            j += 2;
        }
        return null;
    }

    /** The paging reader, plus one query per source and page for the page's child rows. */
    private static final class PageReader extends JdbcPagingItemReader<StagedPerson> {
        private final JdbcTemplate jdbc;
        private final String runId;
        private final JsonMapper json;

        PageReader(DataSource target, PostgresPagingQueryProvider provider, String runId, JsonMapper json) {
            super(target, provider);
            this.jdbc = new JdbcTemplate(target);
            this.runId = runId;
            this.json = json;
        }

        @Override
        protected void doReadPage() {
            super.doReadPage();
            if (results == null || results.isEmpty()) {
                return;
            }
            Map<SourceSystem, Map<String, StagedPerson>> bySource = new LinkedHashMap<>();
            for (StagedPerson p : results) {
                bySource.computeIfAbsent(p.source(), s -> new HashMap<>()).put(p.recordId(), p);
            }
            bySource.forEach(this::attachChildren);
        }

        private void attachChildren(SourceSystem source, Map<String, StagedPerson> persons) {
            jdbc.execute((Connection con) -> {
                try (PreparedStatement ps = con.prepareStatement(CHILDREN)) {
                    Array ids = con.createArrayOf("text", persons.keySet().toArray());
                    ps.setString(1, runId);
                    ps.setString(2, source.name());
                    ps.setArray(3, ids);
                    ps.setArray(4, ids);
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StagedPerson p = persons.get(rs.getString(1));
                            if (p == null) { // in the range of the page's ids, not in the page: carried over
                                continue;    // unchanged, or (in an unusual collation) read with another page
                            }
                            Map<String, String> data = row(json, rs.getString(3));
                            switch (rs.getString(2)) {
                                case "ADDRESS" -> p.addresses().add(data);
                                case "INVOLVEMENT" -> p.involvements().add(data);
                                default -> p.aliases().add(data);
                            }
                        }
                    }
                    ids.free();
                }
                return null;
            });
        }
    }
}
