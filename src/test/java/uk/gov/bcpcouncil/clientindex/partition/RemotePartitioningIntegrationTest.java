package uk.gov.bcpcouncil.clientindex.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.ClientIndexApplication;
import uk.gov.bcpcouncil.clientindex.cli.ExitCodes;
import uk.gov.bcpcouncil.clientindex.support.GeneratedLegacyData;
import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * Remote partitioning over the local RabbitMQ (127.0.0.1:5672, guest/guest): a manager process and two
 * worker processes ({@code run.sh worker}) sharing the job repository. A run's client index equals that of
 * a run partitioned on local threads; a worker killed with SIGKILL in the middle of a {@code mapRecords}
 * partition leaves the step unfinished (the manager times out), and the restart reruns only that partition,
 * as the job repository's step executions show. Skipped, with the reason, when RabbitMQ is unreachable,
 * unless {@code -Dclientindex.test.require-all=true}.
 */
class RemotePartitioningIntegrationTest {

    static final int CHILDREN = 1500;

    static TestEnvironment reference;
    static TestEnvironment remote;
    static final String QUEUE = "clientindex.test." + UUID.randomUUID();

    @TempDir
    static Path work;

    final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void rabbitAndData() throws IOException {
        for (String name : List.of("worker-a", "worker-b", "worker-c", "manager-nightly", "manager-killed")) {
            Files.deleteIfExists(logFile(name).toPath());
        }
        boolean reachable;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
            reachable = true;
        } catch (IOException e) {
            reachable = false;
        }
        if (!reachable && Boolean.getBoolean("clientindex.test.require-all")) {
            throw new AssertionError("RabbitMQ is not reachable on 127.0.0.1:5672 (required by"
                    + " -Dclientindex.test.require-all=true; start it with rabbitmq-server -detached)");
        }
        Assumptions.assumeTrue(reachable, "RabbitMQ is not reachable on 127.0.0.1:5672: remote partitioning not tested"
                + " (start it with rabbitmq-server -detached)");
        reference = TestDatabases.newEnvironment();
        remote = TestDatabases.newEnvironment();
        GeneratedLegacyData.generate(reference, work.resolve("ref/christchurch"), work.resolve("ref/truth.csv"),
                CHILDREN, 77);
        GeneratedLegacyData.generate(remote, work.resolve("remote/christchurch"), work.resolve("remote/truth.csv"),
                CHILDREN, 77);
        assertThat(ClientIndexApplication.run(args(reference, "ref", "local", "migrate", "--run-date", "2026-11-26",
                "--label", "nightly"))).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    static void drop() {
        try {
            var factory = new org.springframework.amqp.rabbit.connection.CachingConnectionFactory("127.0.0.1", 5672);
            new org.springframework.amqp.rabbit.core.RabbitAdmin(factory).deleteQueue(QUEUE);
            factory.destroy();
        } catch (RuntimeException e) {
            // RabbitMQ unreachable: there is no queue to delete
        }
        if (reference != null) {
            reference.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void twoWorkersGiveTheLocalResultAndAKilledWorkersPartitionAloneIsRerun() throws Exception {
        Process workerA = worker("a");
        Process workerB = worker("b");

        // 1. a whole run with two workers equals the run partitioned locally
        Process manager = manager("nightly", "migrate", "--run-date", "2026-11-26", "--label", "nightly");
        assertThat(manager.waitFor(1200, TimeUnit.SECONDS)).as("the remote run ends").isTrue();
        assertThat(manager.exitValue()).as("the remote run completes").isEqualTo(ExitCodes.OK);
        assertSameAsReference("nightly");
        List<String> ranByWorkers = rows("SELECT DISTINCT s.step_name FROM batch_step_execution s"
                + " WHERE s.step_name LIKE 'mapRecordsPartition:%' OR s.step_name LIKE 'extractLegacyPartition:%'");
        assertThat(ranByWorkers).as("partitions run by the workers").contains("mapRecordsPartition:mapRecords-0",
                "mapRecordsPartition:mapRecords-1", "extractLegacyPartition:extractBournemouthClients-1");
        assertThat(log("a")).as("worker a ran partitions").contains("Running partition");
        assertThat(log("b")).as("worker b ran partitions").contains("Running partition");

        // 2. SIGKILL the worker running a mapRecords partition once it has committed some chunks
        long before = lastJobExecution();
        Process killedRun = manager("killed", "migrate", "--run-date", "2026-11-26", "--label", "killed",
                "--clientindex.partitioning.timeout=150s");
        long[] victim = awaitPartitionInProgress(before);
        assertThat(victim).as("a mapRecords partition seen in progress").isNotNull();
        String victimName = rows("SELECT step_name FROM batch_step_execution WHERE step_execution_id = " + victim[0])
                .get(0);
        Process running = log("a").contains("(step execution " + victim[0] + ")") ? workerA : workerB;
        running.destroyForcibly();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killedRun.waitFor(1200, TimeUnit.SECONDS)).as("the manager gives up after its timeout").isTrue();
        assertThat(killedRun.exitValue()).as("the run fails restartably").isEqualTo(ExitCodes.FAILED);
        long firstExecution = lastJobExecution();
        List<String> completedBefore = rows("SELECT step_name FROM batch_step_execution WHERE job_execution_id = "
                + firstExecution + " AND status = 'COMPLETED' AND step_name LIKE 'mapRecordsPartition:%'");
        assertThat(completedBefore).as("the other mapRecords partition completed").isNotEmpty()
                .doesNotContain(victimName);

        // 3. a new worker; the restart reruns only the killed partition
        worker("c");
        Process restart = manager("killed", "restart");
        assertThat(restart.waitFor(1200, TimeUnit.SECONDS)).isTrue();
        assertThat(restart.exitValue()).as("the restart completes").isEqualTo(ExitCodes.OK);
        long secondExecution = lastJobExecution();
        assertThat(secondExecution).isGreaterThan(firstExecution);
        List<String> rerun = rows("SELECT step_name || ' ' || status FROM batch_step_execution WHERE job_execution_id = "
                + secondExecution + " AND (step_name LIKE 'mapRecordsPartition:%'"
                + " OR step_name LIKE 'extractLegacyPartition:%') ORDER BY step_name");
        assertThat(rerun).as("partitions run by the restart").containsExactly(victimName + " COMPLETED");
        long persons = Long.parseLong(rows("SELECT COUNT(*)::text FROM ci_stg_row WHERE run_id = '2026-11-26-killed'"
                + " AND entity = 'PERSON'").get(0));
        long sibling = Long.parseLong(rows("SELECT SUM(read_count)::text FROM batch_step_execution WHERE job_execution_id = "
                + firstExecution + " AND status = 'COMPLETED' AND step_name LIKE 'mapRecordsPartition:%'").get(0));
        long rerunRead = Long.parseLong(rows("SELECT read_count::text FROM batch_step_execution WHERE job_execution_id = "
                + secondExecution + " AND step_name = '" + victimName + "'").get(0));
        assertThat(rerunRead).as("the rerun partition resumed from its checkpoint, after the %d records committed"
                + " when it was killed", victim[2]).isLessThanOrEqualTo(persons - sibling - victim[2]);
        assertSameAsReference("killed");
        System.out.println("Killed the worker of " + victimName + " after " + victim[1] + " commits; restart reran: "
                + rerun);
    }

    /** {step execution id, commit count, read count} of a mapRecords partition in progress, or null. */
    private static long[] awaitPartitionInProgress(long afterExecution) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> found = new JdbcTemplate(remote.targetAdmin()).queryForList(
                    "SELECT step_execution_id, commit_count, read_count FROM batch_step_execution"
                            + " WHERE job_execution_id > ? AND step_name LIKE 'mapRecordsPartition:%'"
                            + " AND status = 'STARTED' AND commit_count >= 3 ORDER BY step_execution_id LIMIT 1",
                    afterExecution);
            if (!found.isEmpty()) {
                Map<String, Object> r = found.get(0);
                return new long[] { ((Number) r.get("step_execution_id")).longValue(),
                        ((Number) r.get("commit_count")).longValue(), ((Number) r.get("read_count")).longValue() };
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static void assertSameAsReference(String label) throws IOException {
        List<String> expected = Files.readAllLines(work.resolve("ref/reports/2026-11-26-nightly/lineage.csv"));
        List<String> actual = Files.readAllLines(work.resolve("remote/reports/2026-11-26-" + label + "/lineage.csv"));
        assertThat(actual).as("lineage of %s against the local run", label).isEqualTo(expected);
        assertThat(rowsOf(remote, index(label))).as("client index of %s", label)
                .isEqualTo(rowsOf(reference, index("nightly"))).isNotEmpty();
        assertThat(rowsOf(remote, xref(label))).as("cross-reference of %s", label)
                .isEqualTo(rowsOf(reference, xref("nightly")));
    }

    private static String index(String label) {
        return "SELECT client_id || '|' || cluster_key || '|' || member_count || '|' || coalesce(given_name, '')"
                + " || '|' || coalesce(nhs_number, '') FROM ci_client WHERE run_id = '2026-11-26-" + label + "' ORDER BY 1";
    }

    private static String xref(String label) {
        return "SELECT source_system || ':' || source_record_id || '=' || client_id FROM ci_client_xref"
                + " WHERE run_id = '2026-11-26-" + label + "' ORDER BY 1";
    }

    private static List<String> rows(String sql) {
        return rowsOf(remote, sql);
    }

    private static List<String> rowsOf(TestEnvironment env, String sql) {
        return new JdbcTemplate(env.targetAdmin()).queryForList(sql, String.class);
    }

    private static long lastJobExecution() {
        try {
            return Long.parseLong(rows("SELECT COALESCE(MAX(job_execution_id), 0)::text FROM batch_job_execution").get(0));
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0;
        }
    }

    private Process worker(String name) throws IOException {
        return start("worker-" + name, args(remote, "remote", "remote", "worker"));
    }

    private Process manager(String label, String... command) throws IOException {
        return start("manager-" + label, args(remote, "remote", "remote", command));
    }

    private static String log(String worker) throws IOException {
        return Files.readString(logFile("worker-" + worker).toPath());
    }

    private static File logFile(String name) {
        return Path.of("target", "remote-partitioning-" + name + ".log").toFile();
    }

    private Process start(String name, String[] args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ClientIndexApplication.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name))).start();
        processes.add(p);
        return p;
    }

    private static String[] args(TestEnvironment env, String folder, String mode, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        Map<String, Object> props = new LinkedHashMap<>(env.properties());
        props.put("clientindex.sources.christchurch.directory", work.resolve(folder + "/christchurch").toString());
        props.put("clientindex.reports.directory", work.resolve(folder + "/reports").toString());
        props.put("clientindex.chunk-size", "25");
        props.put("clientindex.partitioning.mode", mode);
        props.put("clientindex.partitioning.grid-size", "2");
        props.put("clientindex.partitioning.queue", QUEUE);
        props.put("spring.rabbitmq.host", "127.0.0.1");
        props.put("spring.rabbitmq.port", "5672");
        props.put("spring.rabbitmq.username", "guest");
        props.put("spring.rabbitmq.password", "guest");
        props.forEach((k, v) -> all.add("--" + k + "=" + v));
        return all.toArray(String[]::new);
    }
}
