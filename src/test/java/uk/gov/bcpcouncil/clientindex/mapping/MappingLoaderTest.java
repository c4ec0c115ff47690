package uk.gov.bcpcouncil.clientindex.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.support.TestFiles;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingException;

class MappingLoaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyProjectMappings() throws IOException {
        TestFiles.copyTree(Path.of("mappings"), dir);
    }

    @Test
    void loadsTheProjectMappingsWithAStableChecksum() {
        Mappings m = MappingLoader.load(dir);

        assertThat(m.definitions()).containsOnlyKeys(SourceSystem.values());
        assertThat(m.codeTables()).containsKeys("sex", "ethnicity-bournemouth", "ethnicity-poole",
                "ethnicity-christchurch", "involvement-type", "birth-date-kind");
        assertThat(m.codeTables().get("sex").lookup(" male ")).isEqualTo("M");
        assertThat(MappingLoader.load(dir).checksum()).isEqualTo(m.checksum()).hasSize(64);
    }

    @Test
    void aChangedFileChangesTheChecksum() throws IOException {
        String before = MappingLoader.load(dir).checksum();
        Files.writeString(dir.resolve("poole.yaml"), Files.readString(dir.resolve("poole.yaml")) + "\n# note\n");

        assertThat(MappingLoader.load(dir).checksum()).isNotEqualTo(before);
    }

    @Test
    void refusesAnUnknownTransformNamingFileAndField() throws IOException {
        replace("bournemouth.yaml", "transforms: [name] }", "transforms: [nmae] }");

        int line = lineOf("bournemouth.yaml", "nmae");

        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("bournemouth.yaml line " + line + ": person.fields.given_names.transforms[0]: "
                        + "unknown transform 'nmae'");
    }

    @Test
    void refusesAnUnknownCodeTableAndAnUnknownSlot() throws IOException {
        replace("poole.yaml", "code_table: ethnicity-poole", "code_table: ethnicity-pool");
        replace("poole.yaml", "    upn:               { from: upn }", "    pupil_no:          { from: upn }");

        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("poole.yaml line " + lineOf("poole.yaml", "ethnicity-pool")
                        + ": person.fields.ethnicity.code_table: unknown code table 'ethnicity-pool'")
                .hasMessageContaining("poole.yaml line " + lineOf("poole.yaml", "pupil_no")
                        + ": person.fields.pupil_no: unknown slot 'pupil_no'");
    }

    @Test
    void refusesAnUnknownKeyWithItsLineNumber() throws IOException {
        replace("christchurch.yaml", "version: 1", "version: 1\nverison: 2");

        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("christchurch.yaml line").hasMessageContaining("verison");
    }

    @Test
    void refusesADuplicateCodeInACodeTable() throws IOException {
        Files.writeString(dir.resolve("code-tables/sex.csv"),
                Files.readString(dir.resolve("code-tables/sex.csv")) + "m,F,typo\n");

        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("sex.csv").hasMessageContaining("duplicate code m");
    }

    @Test
    void refusesExclusionRulesOutsideThePersonSection() throws IOException {
        replace("poole.yaml", "alias:\n  fields:", "alias:\n  excluded_when: { column: alias_type, in: [X], reason: R }\n  fields:");

        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("poole.yaml line " + lineOf("poole.yaml", "excluded_when: { column: alias_type")
                        + ": alias.excluded_when: excluded_when belongs to person");
    }

    @Test
    void recordsTheChecksumOfEveryFileAndNamesTheOnesThatChanged() throws IOException {
        Mappings before = MappingLoader.load(dir);
        Files.writeString(dir.resolve("code-tables/sex.csv"),
                Files.readString(dir.resolve("code-tables/sex.csv")) + "X,U,new code\n");
        Mappings after = MappingLoader.load(dir);

        assertThat(before.fileChecksums()).containsKeys("bournemouth.yaml", "code-tables/sex.csv", "README.md");
        assertThat(Mappings.parseFileChecksums(before.fileChecksumsParameter())).isEqualTo(before.fileChecksums());
        assertThat(Mappings.changedFiles(before.fileChecksums(), after.fileChecksums()))
                .containsExactly("code-tables/sex.csv (changed)");
    }

    @Test
    void checksAndChecksumsTheSurvivorshipRules() throws IOException {
        String before = MappingLoader.load(dir).checksum();
        assertThat(SurvivorshipRules.load(dir).rule("nhs_number").strategy())
                .isEqualTo(SurvivorshipRules.Strategy.SOURCE_PRIORITY);
        assertThat(SurvivorshipRules.load(dir)).isEqualTo(SurvivorshipRules.defaults());

        replace("survivorship.yaml", "sex:                 { strategy: most_recent }",
                "sex:                 { strategy: newest }");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("survivorship.yaml: fields.sex.strategy: unknown strategy 'newest'");
        replace("survivorship.yaml", "{ strategy: newest }", "{ strategy: most_recent, sources: [POOLE] }");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("fields.sex.sources: only for strategy source_priority");
        replace("survivorship.yaml", "{ strategy: most_recent, sources: [POOLE] }",
                "{ strategy: source_priority, sources: [POOLE, WIMBORNE] }");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageContaining("fields.sex.sources: unknown source 'WIMBORNE'");
        replace("survivorship.yaml", "[POOLE, WIMBORNE]", "[BOURNEMOUTH]");
        assertThat(MappingLoader.load(dir).checksum()).isNotEqualTo(before);
        assertThat(MappingLoader.load(dir).fileChecksums()).containsKey("survivorship.yaml");
    }

    /** 1-based line of the first line containing {@code text}. */
    private int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String s = Files.readString(p);
        assertThat(s).contains(from);
        Files.writeString(p, s.replace(from, to));
    }
}
