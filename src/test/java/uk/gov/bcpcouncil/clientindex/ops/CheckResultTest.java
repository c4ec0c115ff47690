package uk.gov.bcpcouncil.clientindex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties.Alert;

class CheckResultTest {

    @TempDir
    Path dir;

    @Test
    void eachCheckIsOneAlignedLineAndTheTallyCountsThem() {
        List<CheckResult> results = List.of(CheckResult.pass("target", "PostgreSQL 15"),
                CheckResult.warn("poole write access", "can also write"), CheckResult.fail("mappings", "bad"));

        assertThat(results.get(0).line()).isEqualTo("PASS  target                           PostgreSQL 15");
        assertThat(CheckResult.tally(results)).isEqualTo("1 PASS, 1 WARN, 1 FAIL");
        assertThat(CheckResult.anyFailed(results)).isTrue();
        assertThat(CheckResult.anyFailed(results.subList(0, 2))).isFalse();
    }

    @Test
    void forARunADamagedDeliveryIsAWarningBecauseTheRunRefusesItRestartably() {
        List<CheckResult> run = PreflightCheck.forRun(List.of(CheckResult.fail(DeliveryCheck.DELIVERY, "no trailer"),
                CheckResult.fail("christchurch", "delivery folder /x does not exist")));

        assertThat(run.get(0).status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(run.get(0).message()).startsWith("no trailer").contains("exit 1, restartable");
        assertThat(run.get(1).status()).isEqualTo(CheckResult.Status.FAIL);
    }

    @Test
    void alertingIsOffByDefaultAndItsSettingsAreValidatedWithoutShowingTheWebhooksSecretPath() {
        assertThat(PreflightCheck.alerting(new Alert(null, null, null)).line()).contains("PASS", "off");
        assertThat(PreflightCheck.alerting(new Alert("/no/such/program --flag", null, null)).line())
                .contains("FAIL", "/no/such/program is not an executable file");
        assertThat(PreflightCheck.alerting(new Alert(null, "ftp://example.org/x", null)).status())
                .isEqualTo(CheckResult.Status.FAIL);
        CheckResult ok = PreflightCheck.alerting(new Alert("sh", "https://hooks.example.org/T000/B000/secret-token",
                Duration.ofSeconds(5)));
        assertThat(ok.line()).contains("PASS", "command ", "webhook https://hooks.example.org", "timeout 5 s")
                .doesNotContain("secret-token");
    }

    @Test
    void theReportsFolderMustBeAFolderWithRoom() throws java.io.IOException {
        assertThat(PreflightCheck.reportsFolder(dir.resolve("reports")).line()).contains("PASS", "(to be created)",
                "GB free");
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        assertThat(PreflightCheck.reportsFolder(file.resolve("reports")).line()).contains("FAIL", "is not a folder");
    }
}
