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

    private static final YAMLMapper YAML = YAMLMapper.builder()
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
            validate(file, def, tables);
            definitions.put(source, def);
        }
        SurvivorshipRules.load(directory); // validated with the mappings, so a bad file stops the run before it starts
        Map<String, String> files = fileChecksums(directory);
        return new Mappings(definitions, tables, checksum(files), files);
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

    /** One validation error at a path of the file. */
    private record Problem(String path, String message) {
    }

    private static void validate(Path file, MappingDefinition def, Map<String, CodeTable> tables) {
        List<Problem> problems = new ArrayList<>();
        def.sections().forEach((section, mapping) -> validateSection(section, mapping, tables, problems));
        if (def.person().fields().isEmpty()) {
            problems.add(new Problem("person.fields", "no fields are mapped"));
        }
        if (!problems.isEmpty()) {
            YamlLines lines = YamlLines.of(file.toFile(), YAML);
            StringBuilder message = new StringBuilder();
            for (Problem p : problems) {
                message.append(message.length() == 0 ? "" : "; ").append(file.getFileName()).append(" line ")
                        .append(lines.line(p.path())).append(": ").append(p.path()).append(": ").append(p.message());
            }
            throw new MappingException(message.toString());
        }
    }

    private static void validateSection(String section, EntityMapping mapping, Map<String, CodeTable> tables,
            List<Problem> problems) {
        if (!section.equals("person") && mapping.excludedWhen() != null) {
            problems.add(new Problem(section + ".excluded_when", "excluded_when belongs to person"));
        }
        if (!section.equals("person") && mapping.mergedWhen() != null) {
            problems.add(new Problem(section + ".merged_when", "merged_when belongs to person"));
        }
        mapping.fields().forEach((slot, field) -> {
            String where = section + ".fields." + slot;
            if (!Slots.BY_SECTION.get(section).contains(slot)) {
                problems.add(new Problem(where, "unknown slot '" + slot + "' (known: "
                        + new TreeSet<>(Slots.BY_SECTION.get(section)) + ")"));
            }
            if (field.from().isEmpty()) {
                problems.add(new Problem(where + ".from", "names no column"));
            }
            for (int i = 0; i < field.transforms().size(); i++) {
                String transform = field.transforms().get(i);
                if (!Transforms.isKnown(transform)) {
                    problems.add(new Problem(where + ".transforms[" + i + "]", "unknown transform '" + transform
                            + "' (known: " + Transforms.NAMES + ")"));
                }
            }
            if (field.codeTable() != null && !tables.containsKey(field.codeTable())) {
                problems.add(new Problem(where + ".code_table", "unknown code table '" + field.codeTable()
                        + "' (known: " + tables.keySet() + ")"));
            }
        });
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

    /** SHA-256 of every file under the mappings folder, by relative path, in path order. */
    static Map<String, String> fileChecksums(Path directory) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sums.put(directory.relativize(file).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
            return sums;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new MappingException("cannot checksum " + directory + ": " + e.getMessage(), e);
        }
    }

    /** One SHA-256 over every file's path and checksum, in path order. */
    static String checksum(Map<String, String> fileChecksums) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            fileChecksums.forEach((file, sum) -> sha.update((file + "=" + sum + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
