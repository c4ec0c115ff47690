package uk.gov.bcpcouncil.clientindex.cli;

import org.springframework.stereotype.Component;

import uk.gov.bcpcouncil.clientindex.job.RunParameters;

/** Runs one command of {@code run.sh} in the application context and returns its exit code. */
@Component
public class Commands {

    private final JobCommands jobs;
    private final GenerateCommand generate;
    private final BenchmarkCommand benchmark;
    private final ReviewCommand review;
    private final SignOffCommand signoff;
    private final PromoteCommand promote;

    public Commands(JobCommands jobs, GenerateCommand generate, BenchmarkCommand benchmark, ReviewCommand review,
            SignOffCommand signoff, PromoteCommand promote) {
        this.jobs = jobs;
        this.promote = promote;
        this.generate = generate;
        this.benchmark = benchmark;
        this.review = review;
        this.signoff = signoff;
    }

    /**
     * A remote partitioning worker: the context has started its RabbitMQ consumer (see
     * {@code partition.RemotePartitioningConfig}); serve partitions until SIGTERM, which lets a running
     * partition stop at its next chunk boundary (it is then rerun by a restart).
     */
    private int worker() throws InterruptedException {
        System.out.println("Worker ready: running the partitions a manager sends, until stopped (SIGTERM)");
        while (!uk.gov.bcpcouncil.clientindex.job.GracefulStop.INSTANCE.requested()) {
            Thread.sleep(200);
        }
        return ExitCodes.OK;
    }

    public int execute(CliOptions options) throws Exception {
        return switch (options.command()) {
            case "check" -> jobs.check();
            case "migrate" -> jobs.migrate(RunParameters.of(options.get("run-date"), options.get("label")),
                    options.flag("incremental"));
            case "promote" -> promote.promote(options.get("run"), options.get("by"));
            case "restart" -> jobs.restart();
            case "status" -> jobs.status(options.intOption("limit", 10));
            case "generate" -> options.get("mutate-percent") != null
                    ? generate.mutate(options.doubleOption("mutate-percent"), options.intOption("seed", 20261126))
                    : generate.generate(options.intOption("children", 5000), options.intOption("seed", 20261126));
            case "demo" -> {
                int code = generate.generate(options.intOption("children", 3000), options.intOption("seed", 20261126));
                if (code == ExitCodes.OK) {
                    code = jobs.migrate(RunParameters.of(options.get("run-date"), options.get("label")));
                    System.out.println("The demo's databases are kept in .demo/: reopen them with --demo,"
                            + " for example ./run.sh status --demo");
                }
                yield code;
            }
            case "benchmark" -> switch (String.valueOf(options.get("dataset"))) {
                case "incremental" -> benchmark.incremental(options);
                case "scale" -> benchmark.scale(options);
                default -> benchmark.generated(options);
            };
            case "review" -> review.review(options.get("run"), options.get("by"), options.intOption("port", -1));
            case "signoff" -> signoff.signoff(options.get("run"), options.get("source"), options.get("by"),
                    options.get("sha256"));
            case "worker" -> worker();
            default -> throw new IllegalStateException("unknown command " + options.command());
        };
    }
}
