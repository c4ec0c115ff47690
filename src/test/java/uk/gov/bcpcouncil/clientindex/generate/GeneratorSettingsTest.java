package uk.gov.bcpcouncil.clientindex.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

    @Test
    void describePrintsEverySettingOnItsOwnLineWithValueAndMeaning() {
        GeneratorSettings settings = GeneratorSettings.builder(2000, 42L)
                .deliveryDate(LocalDate.of(2026, 3, 1))
                .twinRate(0.05)
                .build();

        String description = settings.describe();

        List<String> lines = description.lines().toList();
        RecordComponent[] components = GeneratorSettings.class.getRecordComponents();
        assertThat(lines).hasSize(components.length + 1);
        for (RecordComponent component : components) {
            assertThat(lines).as("line for %s", component.getName())
                    .filteredOn(line -> line.trim().startsWith(component.getName() + " "))
                    .hasSize(1)
                    .allSatisfy(line -> assertThat(line.length()).isGreaterThan(component.getName().length() + 20));
        }
        assertThat(description)
                .containsPattern("(?m)^\\s+children\\s+2000\\s+\\S")
                .containsPattern("(?m)^\\s+seed\\s+42\\s")
                .containsPattern("(?m)^\\s+deliveryDate\\s+2026-03-01\\s")
                .containsPattern("(?m)^\\s+twinRate\\s+0\\.05\\s")
                .containsPattern("(?m)^\\s+nhsInvalidRate\\s+0\\.01\\s");
    }

    @Test
    void everySettingHasAMeaning() {
        List<String> names = Arrays.stream(GeneratorSettings.class.getRecordComponents())
                .map(RecordComponent::getName).toList();

        assertThat(GeneratorSettings.meanings().keySet()).containsExactlyElementsOf(names);
    }

    @Test
    void builderRoundTripsAndDefaultsAreFixed() {
        GeneratorSettings settings = GeneratorSettings.defaults(100, 7L);

        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(settings.deliveryDate()).isEqualTo(GeneratorSettings.DEFAULT_DELIVERY_DATE);
        assertThat(GeneratorSettings.builder(100, 7L).clean().build().typingErrorRate()).isZero();
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> GeneratorSettings.builder(100, 1).typingErrorRate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorSettings.builder(0, 1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorSettings.builder(100, 1).inTwoSystemsRate(0.7).inThreeSystemsRate(0.4).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorSettings.builder(100, 1).bournemouthWeight(0).pooleWeight(0)
                .christchurchWeight(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
