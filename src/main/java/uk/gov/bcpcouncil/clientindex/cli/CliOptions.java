package uk.gov.bcpcouncil.clientindex.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;

/**
 * The command line: a command then {@code --option value} pairs. Options of the form
 * {@code --clientindex.x=y} are Spring Boot properties and passed through untouched.
 */
public record CliOptions(String command, Map<String, String> options) {

    public static final List<String> COMMANDS = List.of("demo", "generate", "check", "migrate", "restart",
            "status", "benchmark", "review", "signoff", "promote", "worker");
    private static final Set<String> FLAGS = Set.of("demo", "verbose", "incremental", "reuse", "configured");
    private static final Set<String> VALUED = Set.of("run-date", "label", "children", "seed", "limit", "run", "by",
            "source", "sha256", "port", "dump", "points", "mutate-percent", "change-percent");

    public static final String USAGE = """
            usage: run.sh <command> [options]
              demo                          the whole job on embedded databases with generated data
              generate --children N [--seed S]
                                            fill the configured legacy databases and extract folder
              generate --mutate-percent P [--seed S]
                                            change P% of the generated records (updates, new duplicates,
                                            soft deletes) and write a new Christchurch delivery
              check                         preflight: settings, databases, grants, delivery, mappings, schema,
                                            disk space; changes nothing (exit 2 on a FAIL)
              migrate [--run-date YYYY-MM-DD] [--label L] [--incremental]
                                            preflight, then run the job (a failed run with the same date and
                                            label resumes); --incremental re-reads only what changed since
                                            the last completed run
              restart                       resume the last failed or stopped run
              status [--limit N]            recent runs with each step's counts
              benchmark febrl3|febrl4|generated [--children N]
                                            matcher accuracy on FEBRL (no database) or generated data
              benchmark incremental --children N --change-percent P
                                            full run, change P%, incremental and full run: times, ID events
              review [--run ID] [--by NAME] [--port N]
                                            clerical review of a run's uncertain pairs on a local page
              signoff --run ID --source SOURCE --by NAME [--sha256 HASH]
                                            a data owner's approval of the run's report.html (its SHA-256)
              promote --run ID [--by NAME]  make a run's index the live one; refused (exit 4) until it completed,
                                            balanced and every source signed the run's report
              benchmark reliability [--points N] [--seed S] [--children N]
                                            kill the packaged job at N points (SIGKILL and SIGTERM) over
                                            all steps, restart, compare with an uninterrupted run
              benchmark scale --children N [--reuse] [--configured]
                                            speed and memory of the whole job on N generated children
              worker                        a remote partitioning worker: runs partitions sent by a manager
                                            (clientindex.partitioning.mode=remote) until stopped
              test                          the whole test suite (run.sh only)
            options for any command: --demo (use the databases the last demo left in .demo/),
              --clientindex.<setting>=<value> (any setting; environment variables work too)""";

    public static CliOptions parse(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            throw new ConfigurationException(args.length == 0 ? "no command given" : "unknown command '" + args[0] + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.contains("=") && a.indexOf('.') > 0) {
                continue; // a Spring Boot property
            }
            if (!a.startsWith("--") && i == 1 && args[0].equals("benchmark")) {
                options.put("dataset", a);
                continue;
            }
            if (!a.startsWith("--")) {
                throw new ConfigurationException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new ConfigurationException("--" + name + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                throw new ConfigurationException("unknown option '" + a + "'");
            }
        }
        return new CliOptions(args[0], options);
    }

    public String get(String name) {
        return options.get(name);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public double doubleOption(String name) {
        String v = options.get(name);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigurationException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    public int intOption(String name, int defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }
}
