package uk.gov.bcpcouncil.clientindex.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.definition.CodeTable;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.EntityMapping;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition.FieldMapping;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingException;

/**
 * Reads and validates {@code mappings/}: {@code <source>.yaml} for each of the three sources and
 * {@code code-tables/*.csv}. Any unknown key, slot, transform or code table, a missing source or a
 * duplicate code fails with a {@link MappingException} naming the file (and line, where the parser knows
 * it), before the job reads a single row.
 */
public final class MappingLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MappingLoader() {
    }

    public static Mappings load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new MappingException("mappings directory " + directory.toAbsolutePath() + " does not exist");
        }
        Map<String, CodeTable> tables = loadCodeTables(directory.resolve("code-tables"));
        Map<SourceSystem, MappingDefinition> definitions = new EnumMap<>(SourceSystem.class);
        for (SourceSystem source : SourceSystem.values()) {
            Path file = directory.resolve(source.name().toLowerCase() + ".yaml");
            MappingDefinition def = readDefinition(file);
            if (def.source() != source) {
                throw new MappingException(file.getFileName() + ": source is " + def.source() + ", expected " + source);
            }
            validate(file.getFileName().toString(), def, tables);
            definitions.put(source, def);
        }
        return new Mappings(definitions, tables, checksum(directory));
    }

    private static MappingDefinition readDefinition(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MappingException("mapping file " + file + " is missing");
        }
        try {
            return YAML.readValue(file.toFile(), MappingDefinition.class);
        } catch (JacksonException e) {
            throw new MappingException(file.getFileName() + " line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void validate(String file, MappingDefinition def, Map<String, CodeTable> tables) {
        List<String> errors = new ArrayList<>();
        def.sections().forEach((section, mapping) -> validateSection(section, mapping, tables, errors));
        if (def.person().fields().isEmpty()) {
            errors.add("person.fields is empty");
        }
        if (!errors.isEmpty()) {
            throw new MappingException(file + ": " + String.join("; ", errors));
        }
    }

    private static void validateSection(String section, EntityMapping mapping, Map<String, CodeTable> tables,
            List<String> errors) {
        if (!section.equals("person") && (mapping.excludedWhen() != null || mapping.mergedWhen() != null)) {
            errors.add(section + ": excluded_when and merged_when belong to person");
        }
        mapping.fields().forEach((slot, field) -> {
            String where = section + ".fields." + slot;
            if (!Slots.BY_SECTION.get(section).contains(slot)) {
                errors.add(where + ": unknown slot '" + slot + "' (known: "
                        + new TreeSet<>(Slots.BY_SECTION.get(section)) + ")");
            }
            validateField(where, field, tables, errors);
        });
    }

    private static void validateField(String where, FieldMapping field, Map<String, CodeTable> tables,
            List<String> errors) {
        if (field.from().isEmpty()) {
            errors.add(where + ": from names no column");
        }
        for (String transform : field.transforms()) {
            if (!Transforms.isKnown(transform)) {
                errors.add(where + ": unknown transform '" + transform + "'");
            }
        }
        if (field.codeTable() != null && !tables.containsKey(field.codeTable())) {
            errors.add(where + ": unknown code table '" + field.codeTable() + "'");
        }
    }

    static Map<String, CodeTable> loadCodeTables(Path dir) {
        Map<String, CodeTable> tables = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return tables;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                CodeTable table = loadCodeTable(file);
                tables.put(table.name(), table);
            }
        } catch (IOException e) {
            throw new MappingException("cannot read code tables in " + dir + ": " + e.getMessage(), e);
        }
        return tables;
    }

    static CodeTable loadCodeTable(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - 4);
        String version = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("# version:")) {
                version = line.substring("# version:".length()).trim();
                break;
            }
        }
        if (version == null) {
            throw new MappingException(fileName + ": no '# version:' line");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        Map<String, String> entries = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(reader)) {
                if (!row.isMapped("source_value") || !row.isMapped("target_value")) {
                    throw new MappingException(fileName + ": header must have source_value,target_value");
                }
                String source = row.get("source_value");
                String target = row.get("target_value");
                if (source.isEmpty() || target.isEmpty()) {
                    throw new MappingException(fileName + " line " + row.getRecordNumber() + ": empty value");
                }
                if (entries.put(CodeTable.key(source), target) != null) {
                    throw new MappingException(fileName + " line " + row.getRecordNumber() + ": duplicate code " + source);
                }
            }
        }
        return new CodeTable(name, version, Map.copyOf(entries));
    }

    /** SHA-256 over every file's relative path and content, in path order. */
    static String checksum(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(directory.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new MappingException("cannot checksum " + directory + ": " + e.getMessage(), e);
        }
    }
}
