package uk.gov.bcpcouncil.clientindex.mapping;

import java.io.File;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The line of every key and list element of a YAML file, by path ({@code person.fields.sex.code_table},
 * {@code person.fields.given_names.transforms[0]}), so a validation error can name the line to fix.
 * Built once per file by streaming it; immutable afterwards.
 */
final class YamlLines {

    /** Marks a property on the stack (as opposed to a list, which carries its element counter). */
    private static final int[] PROPERTY = new int[0];

    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLines() {
    }

    static YamlLines of(File file, YAMLMapper yaml) {
        YamlLines result = new YamlLines();
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>();
        try (JsonParser p = yaml.createParser(file)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int line = p.currentTokenLocation().getLineNr();
                switch (t) {
                    case PROPERTY_NAME -> {
                        String name = p.currentName();
                        String key = path.isEmpty() ? name : path.peek() + "." + name;
                        result.lines.put(key, line);
                        path.push(key);
                        arrayIndex.push(PROPERTY);
                        continue;
                    }
                    case START_ARRAY -> {
                        arrayIndex.push(new int[] { 0 });
                        path.push(path.isEmpty() ? "" : path.peek());
                        continue;
                    }
                    case END_ARRAY -> {
                        arrayIndex.pop();
                        path.pop();
                    }
                    default -> {
                        int[] index = arrayIndex.peek();
                        if (index != null && index != PROPERTY && t != JsonToken.END_OBJECT) {
                            result.lines.put(path.peek() + "[" + index[0]++ + "]", line);
                        }
                    }
                }
                // a value (scalar, object end or array end) completes the property that held it
                if (t != JsonToken.START_OBJECT && !arrayIndex.isEmpty() && arrayIndex.peek() == PROPERTY) {
                    arrayIndex.pop();
                    path.pop();
                }
            }
        } catch (RuntimeException e) {
            // syntax errors are reported, with their line, by the parser that reads the definition
        }
        return result;
    }

    /** The line of {@code path}, or of its nearest enclosing key; 0 when unknown. */
    int line(String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
