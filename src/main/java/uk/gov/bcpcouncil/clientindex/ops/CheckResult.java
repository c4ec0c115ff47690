package uk.gov.bcpcouncil.clientindex.ops;

import java.util.List;

/**
 * The outcome of one preflight check: one line of {@code run.sh check}. Immutable and thread-safe.
 *
 * @param status  PASS, WARN (worth a look, does not stop a run) or FAIL (stops {@code migrate}, exit 2)
 * @param check   what was checked, e.g. {@code poole.person}
 * @param message what was found, naming settings, tables and files, never a child's data
 */
public record CheckResult(Status status, String check, String message) {

    public enum Status {
        PASS, WARN, FAIL
    }

    public static CheckResult pass(String check, String message) {
        return new CheckResult(Status.PASS, check, message);
    }

    public static CheckResult warn(String check, String message) {
        return new CheckResult(Status.WARN, check, message);
    }

    public static CheckResult fail(String check, String message) {
        return new CheckResult(Status.FAIL, check, message);
    }

    /** The line as printed: {@code PASS  check                 message}. */
    public String line() {
        return String.format("%-4s  %-32s %s", status, check, message);
    }

    public static boolean anyFailed(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL);
    }

    /** {@code 12 PASS, 1 WARN, 0 FAIL}. */
    public static String tally(List<CheckResult> results) {
        long pass = results.stream().filter(r -> r.status() == Status.PASS).count();
        long warn = results.stream().filter(r -> r.status() == Status.WARN).count();
        long fail = results.stream().filter(r -> r.status() == Status.FAIL).count();
        return pass + " PASS, " + warn + " WARN, " + fail + " FAIL";
    }
}
