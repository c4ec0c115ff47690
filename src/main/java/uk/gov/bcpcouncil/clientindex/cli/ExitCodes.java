package uk.gov.bcpcouncil.clientindex.cli;

/** The exit codes of {@code run.sh}, as the design brief fixes them. */
public final class ExitCodes {
    /** Completed and the control totals balance. */
    public static final int OK = 0;
    /** A step failed; the run is restartable. */
    public static final int FAILED = 1;
    /** Configuration, usage or preflight error. */
    public static final int CONFIGURATION = 2;
    /** Completed, but the control totals do not balance. */
    public static final int UNBALANCED = 3;
    /** Refused: already completed, another run active, restart after the mappings changed. */
    public static final int REFUSED = 4;

    private ExitCodes() {
    }
}
