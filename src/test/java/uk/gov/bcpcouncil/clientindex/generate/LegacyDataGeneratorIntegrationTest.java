package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.NhsNumbers;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Upns;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Generates 2,000 children into fresh Bournemouth (MySQL protocol) and Poole (PostgreSQL) databases
 * from {@link TestDatabases#newEnvironment()} plus a Christchurch delivery, and checks the result
 * against the databases, the files and the truth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyDataGeneratorIntegrationTest {

    private static final int CHILDREN = 2_000;
    private static final long SEED = 20_261_126L;
    private static final GeneratorSettings SETTINGS = GeneratorSettings.defaults(CHILDREN, SEED);

    @TempDir
    static Path temp;

    private TestEnvironment env;
    private DataSource bournemouth;
    private DataSource poole;
    private GenerationResult result;
    private List<CSVRecord> truth;
    private Map<String, CSVRecord> truthByRecord;

    @BeforeAll
    void createDatabasesAndGenerate() throws Exception {
        env = TestDatabases.newEnvironment();
        bournemouth = env.bournemouthAdmin();
        poole = env.pooleAdmin();

        result = new LegacyDataGenerator().generate(SETTINGS, bournemouth, poole, temp.resolve("christchurch"),
                temp.resolve("truth/truth.csv"));

        try (Reader in = Files.newBufferedReader(result.truthCsv(), StandardCharsets.UTF_8)) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        truthByRecord = new HashMap<>();
        for (CSVRecord row : truth) {
            truthByRecord.put(row.get("source_system") + "/" + row.get("source_record_id"), row);
        }
    }

    @AfterAll
    void dropDatabases() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void rowCountsInAllThreeSystemsMatchTheResult() throws Exception {
        assertThat(count(bournemouth, "client")).isEqualTo(result.bournemouth().persons());
        assertThat(count(bournemouth, "client_address")).isEqualTo(result.bournemouth().addresses());
        assertThat(count(bournemouth, "client_involvement")).isEqualTo(result.bournemouth().involvements());
        assertThat(count(poole, "poole.person")).isEqualTo(result.poole().persons());
        assertThat(count(poole, "poole.person_address")).isEqualTo(result.poole().addresses());
        assertThat(count(poole, "poole.person_alias")).isEqualTo(result.poole().aliases());
        assertThat(count(poole, "poole.episode")).isEqualTo(result.poole().involvements());
        assertThat(dataLines(result.christchurchClientsFile())).hasSize((int) result.christchurch().persons());
        assertThat(dataLines(result.christchurchInvolvementsFile())).hasSize((int) result.christchurch().involvements());
        assertThat(result.bournemouth().persons()).isGreaterThan(CHILDREN / 3);
        assertThat(result.poole().persons()).isGreaterThan(CHILDREN / 4);
        assertThat(result.christchurch().persons()).isGreaterThan(CHILDREN / 8);
    }

    @Test
    void truthHasExactlyOneRowPerPersonRecordAndNamesEveryChild() throws Exception {
        assertThat(Files.readString(result.truthCsv())).startsWith("source_system,source_record_id,true_child_id,kind\r\n");
        assertThat(truth).hasSize((int) result.personRecords());
        assertThat(truthByRecord).hasSize(truth.size());

        Set<String> records = new HashSet<>();
        records.addAll(ids(bournemouth, "SELECT client_id FROM client", "BOURNEMOUTH/"));
        records.addAll(ids(poole, "SELECT person_ref FROM poole.person", "POOLE/"));
        for (String[] line : dataLines(result.christchurchClientsFile())) {
            records.add("CHRISTCHURCH/" + line[0]);
        }
        assertThat(records).hasSize(truth.size());
        assertThat(truthByRecord.keySet()).isEqualTo(records);
        assertThat(truth.stream().map(r -> r.get("true_child_id")).distinct().count()).isEqualTo(CHILDREN);
        assertThat(result.trueChildren()).isEqualTo(CHILDREN);
        assertThat(truth).extracting(r -> r.get("kind")).contains("PRIMARY", "DUPLICATE", "MERGED_IN_SOURCE",
                "DELETED", "TWIN", "UNBORN", "ADOPTED_NEW_IDENTITY", "ADOPTED_PREVIOUS_IDENTITY");
    }

    @Test
    void christchurchFilesAreWindows1252WithCrlfAndMatchingTrailers() throws Exception {
        for (Path file : List.of(result.christchurchClientsFile(), result.christchurchInvolvementsFile())) {
            assertThat(file.getFileName().toString()).endsWith("_20261126.txt");
            byte[] bytes = Files.readAllBytes(file);
            String text = strictWindows1252(bytes);
            assertThat(text).endsWith("\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            String[] lines = text.split("\r\n");
            assertThat(lines[0]).isIn(String.join("|", ChristchurchFormat.CLIENT_COLUMNS),
                    String.join("|", ChristchurchFormat.INVOLVEMENT_COLUMNS));
            int columns = lines[0].split("\\|").length;
            long sum = 0;
            for (int i = 1; i < lines.length - 1; i++) {
                String[] fields = lines[i].split("\\|", -1);
                assertThat(fields).as(lines[i]).hasSize(columns);
                sum += Long.parseLong(fields[0]);
            }
            assertThat(lines[lines.length - 1]).isEqualTo("TRL|" + (lines.length - 2) + "|" + sum);
        }
        byte[] clients = Files.readAllBytes(result.christchurchClientsFile());
        boolean accented = false;
        for (byte b : clients) {
            accented |= (b & 0xFF) >= 0xC0;
        }
        assertThat(accented).as("accented names in Windows-1252").isTrue();
    }

    @Test
    void recordedNhsNumbersPassModulus11ExceptTheDeliberatelyMistypedOnes() throws Exception {
        List<String> bournemouthNhs = strings(bournemouth, "SELECT nhs_no FROM client WHERE nhs_no <> ''");
        List<String> pooleNhs = strings(poole, "SELECT nhs_number FROM poole.person WHERE nhs_number IS NOT NULL");
        List<String> christchurchNhs = new ArrayList<>();
        for (String[] line : dataLines(result.christchurchClientsFile())) {
            if (!line[7].isEmpty()) {
                christchurchNhs.add(line[7]);
            }
        }
        assertThat(failing(bournemouthNhs)).isEqualTo(result.bournemouth().invalidNhsNumbers());
        assertThat(failing(pooleNhs)).isEqualTo(result.poole().invalidNhsNumbers());
        assertThat(failing(christchurchNhs)).isEqualTo(result.christchurch().invalidNhsNumbers());
        assertThat(result.bournemouth().invalidNhsNumbers() + result.poole().invalidNhsNumbers()).isPositive();
        assertThat(bournemouthNhs).anyMatch(n -> n.matches("999 \\d{3} \\d{4}"));
        assertThat(pooleNhs).allMatch(n -> n.matches("999\\d{7}"));
        assertThat(christchurchNhs).allMatch(n -> n.matches("999\\d{7}"));
    }

    @Test
    void upnsHaveCorrectCheckLettersAndBcpLaNumbers() throws Exception {
        List<String> upns = strings(bournemouth, "SELECT upn FROM client WHERE upn <> ''");
        upns.addAll(strings(poole, "SELECT upn FROM poole.person WHERE upn IS NOT NULL"));
        assertThat(upns).isNotEmpty().allSatisfy(upn -> {
            assertThat(Upns.check(upn).status()).as(upn).isEqualTo(IdentifierStatus.VALID);
            assertThat(upn.substring(1, 4)).isIn("835", "836", "837", "839");
        });
    }

    @Test
    void dataHasTwinsMergeChainsUnbornChildrenAndSoftDeletes() throws Exception {
        // twins: two different children with the same date of birth and surname, and different NHS numbers
        List<String[]> twinPairs = rows(poole, "SELECT a.person_ref, b.person_ref, a.nhs_number, b.nhs_number "
                + "FROM poole.person a JOIN poole.person b ON a.birth_date = b.birth_date "
                + "AND lower(a.family_name) = lower(b.family_name) AND a.person_ref < b.person_ref");
        long twins = twinPairs.stream()
                .filter(p -> kind("POOLE", p[0]).equals("TWIN") && kind("POOLE", p[1]).equals("TWIN"))
                .filter(p -> !child("POOLE", p[0]).equals(child("POOLE", p[1])))
                .peek(p -> assertThat(p[2] == null || !p[2].equals(p[3])).isTrue())
                .count();
        assertThat(twins).isPositive();

        // merged in source: every 'M' points at a record of the same child; some chains are two steps long
        List<String[]> merged = rows(bournemouth, "SELECT m.client_id, m.merged_into, t.record_status "
                + "FROM client m JOIN client t ON t.client_id = m.merged_into WHERE m.record_status = 'M'");
        assertThat(count(bournemouth, "client WHERE record_status = 'M'")).isEqualTo(merged.size()).isPositive();
        assertThat(merged).allSatisfy(m -> {
            assertThat(child("BOURNEMOUTH", m[1])).isEqualTo(child("BOURNEMOUTH", m[0]));
            assertThat(kind("BOURNEMOUTH", m[0])).isEqualTo("MERGED_IN_SOURCE");
        });
        assertThat(merged).anyMatch(m -> "M".equals(m[2]));
        assertThat(count(bournemouth, "client WHERE record_status = 'M' AND merged_into IS NULL")).isZero();

        // unborn: the expected-date flag in every system, placeholder names, truth kind UNBORN
        List<String[]> unborn = rows(bournemouth, "SELECT client_id, forename FROM client WHERE dob_estimated = 'U'");
        assertThat(unborn).isNotEmpty().allSatisfy(u -> {
            assertThat(kind("BOURNEMOUTH", u[0])).isEqualTo("UNBORN");
            assertThat(u[1]).matches("(?i)(baby|unborn).*");
        });
        assertThat(count(poole, "poole.person WHERE birth_date_kind = 'EXPECTED'")).isPositive();
        assertThat(dataLines(result.christchurchClientsFile())).anyMatch(l -> l[5].equals("X"));

        // soft deletes
        List<String> deleted = strings(bournemouth, "SELECT client_id FROM client WHERE record_status = 'D'");
        deleted.addAll(strings(poole, "SELECT person_ref FROM poole.person WHERE is_deleted"));
        assertThat(deleted).isNotEmpty();
        long deletedInTruth = truth.stream().filter(r -> r.get("kind").equals("DELETED")).count();
        assertThat(deletedInTruth).isEqualTo(deleted.size());

        // adoption: post-adoption identities are separate children from pre-adoption ones
        Set<String> before = trueChildren("ADOPTED_PREVIOUS_IDENTITY");
        Set<String> after = trueChildren("ADOPTED_NEW_IDENTITY");
        assertThat(before).isNotEmpty();
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(before);
    }

    @Test
    void legacyQuirksArePresent() throws Exception {
        assertThat(strings(bournemouth, "SELECT DISTINCT ethnicity FROM client WHERE ethnicity IN ('W', 'B', 'A')")).isNotEmpty();
        Set<String> localCodes = new HashSet<>(strings(bournemouth, "SELECT DISTINCT ethnicity FROM client WHERE ethnicity <> ''"));
        String codeList = new String(getClass().getClassLoader()
                .getResourceAsStream("legacy/bournemouth-ethnicity-codes.csv").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(localCodes).allSatisfy(code -> assertThat(codeList).contains("\n" + code + ","));
        assertThat(strings(poole, "SELECT ethnic_origin FROM poole.person WHERE ethnic_origin !~ '^[A-Z]{4}$'")).isNotEmpty();
        assertThat(strings(poole, "SELECT alias_type FROM poole.person_alias")).contains("PREVIOUS", "BIRTH");
        assertThat(dataLines(result.christchurchClientsFile())).anyMatch(l -> !l[3].isEmpty());

        DateTimeFormatter typed = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
        List<String> dobs = strings(bournemouth, "SELECT COALESCE(date_of_birth, '') FROM client");
        assertThat(dobs).anyMatch(d -> !parses(d, typed));
        assertThat(strings(bournemouth, "SELECT postcode FROM client_address WHERE postcode IS NOT NULL"))
                .anyMatch(p -> p.equals("NFA")).anyMatch(p -> !p.matches("[A-Z]{1,2}\\d{1,2} \\d[A-Z]{2}"));

        List<String> names = strings(bournemouth, "SELECT CONCAT(COALESCE(forename, ''), ' ', COALESCE(surname, '')) FROM client");
        names.addAll(strings(poole, "SELECT COALESCE(given_names, '') || ' ' || COALESCE(family_name, '') FROM poole.person"));
        assertThat(names).anyMatch(n -> !NameCatalogue.isAscii(n)).noneMatch(n -> n.contains("?"));

        LocalDate delivered = SETTINGS.deliveryDate();
        assertThat(strings(bournemouth, "SELECT MAX(updated_on) FROM client").get(0)).isLessThan(delivered.toString());
        assertThat(count(bournemouth, "client WHERE updated_on < created_on")).isZero();
        assertThat(strings(poole, "SELECT MAX(last_modified)::date FROM poole.person").get(0)).isLessThan(delivered.toString());
    }

    @Test
    void schemaCreationIsIdempotentAndFullTablesAreRefused() throws Exception {
        assertThat(LegacySchemas.createBournemouth(bournemouth)).isFalse();
        assertThat(LegacySchemas.createPoole(poole)).isFalse();
        assertThatThrownBy(() -> new LegacyDataGenerator().generate(SETTINGS, bournemouth, poole,
                temp.resolve("refused"), temp.resolve("refused/truth.csv")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already holds rows");
    }

    @Test
    void sameSeedGivesByteIdenticalOutput() throws Exception {
        try (TestEnvironment again = TestDatabases.newEnvironment()) {
            assertSameOutputAgain(again.bournemouthAdmin(), again.pooleAdmin());
        }
    }

    private void assertSameOutputAgain(DataSource bournemouthAgain, DataSource pooleAgain) throws Exception {
        try (Connection c = pooleAgain.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA poole"); // an existing, empty schema is used as it is
        }

        GenerationResult again = new LegacyDataGenerator().generate(SETTINGS, bournemouthAgain, pooleAgain,
                temp.resolve("christchurch-again"), temp.resolve("truth-again.csv"));

        assertThat(again.bournemouth()).isEqualTo(result.bournemouth());
        assertThat(again.poole()).isEqualTo(result.poole());
        assertThat(again.christchurch()).isEqualTo(result.christchurch());
        assertThat(Files.mismatch(again.christchurchClientsFile(), result.christchurchClientsFile())).isEqualTo(-1);
        assertThat(Files.mismatch(again.christchurchInvolvementsFile(), result.christchurchInvolvementsFile())).isEqualTo(-1);
        assertThat(Files.mismatch(again.truthCsv(), result.truthCsv())).isEqualTo(-1);
        for (String table : List.of("client ORDER BY client_id", "client_address ORDER BY address_id",
                "client_involvement ORDER BY involvement_id")) {
            assertThat(digest(bournemouthAgain, table)).as(table).isEqualTo(digest(bournemouth, table));
        }
        for (String table : List.of("poole.person ORDER BY person_ref", "poole.person_alias ORDER BY alias_id",
                "poole.person_address ORDER BY address_id", "poole.episode ORDER BY episode_id")) {
            assertThat(digest(pooleAgain, table)).as(table).isEqualTo(digest(poole, table));
        }
    }

    private String kind(String system, String id) {
        return truthByRecord.get(system + "/" + id).get("kind");
    }

    private String child(String system, String id) {
        return truthByRecord.get(system + "/" + id).get("true_child_id");
    }

    private Set<String> trueChildren(String kind) {
        Set<String> ids = new HashSet<>();
        truth.stream().filter(r -> r.get("kind").equals(kind)).forEach(r -> ids.add(r.get("true_child_id")));
        return ids;
    }

    private static long failing(List<String> numbers) {
        return numbers.stream().filter(n -> NhsNumbers.check(n).status() != IdentifierStatus.VALID).count();
    }

    private static boolean parses(String text, DateTimeFormatter format) {
        try {
            LocalDate.parse(text, format);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String strictWindows1252(byte[] bytes) throws CharacterCodingException {
        return ChristchurchFormat.CHARSET.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The data lines of a Christchurch file (no header, no trailer), split into fields. */
    private static List<String[]> dataLines(Path file) throws IOException {
        List<String> lines = List.of(strictWindows1252(Files.readAllBytes(file)).split("\r\n"));
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            out.add(line.split("\\|", -1));
        }
        return out;
    }

    private static long count(DataSource ds, String tableAndCondition) throws SQLException {
        return Long.parseLong(strings(ds, "SELECT COUNT(*) FROM " + tableAndCondition).get(0));
    }

    private static Set<String> ids(DataSource ds, String sql, String prefix) throws SQLException {
        Set<String> ids = new HashSet<>();
        for (String id : strings(ds, sql)) {
            assertThat(ids.add(prefix + id)).as("unique %s", id).isTrue();
        }
        return ids;
    }

    private static List<String> strings(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] row : rows(ds, sql)) {
            out.add(row[0]);
        }
        return out;
    }

    private static List<String[]> rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<String[]> out = new ArrayList<>();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
            return out;
        }
    }

    private static String digest(DataSource ds, String tableAndOrder) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String[] row : rows(ds, "SELECT * FROM " + tableAndOrder)) {
            sha.update(String.join("\u0001", java.util.Arrays.stream(row).map(String::valueOf).toList())
                    .getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
