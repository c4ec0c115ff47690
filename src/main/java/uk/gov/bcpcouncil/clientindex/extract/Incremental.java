package uk.gov.bcpcouncil.clientindex.extract;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;


/**
 * Names shared by the steps of an incremental run. The job parameter {@value #MODE_PARAMETER} asks for one
 * ({@value #INCREMENTAL}); the step {@code recordWatermarks} decides whether it can be (a completed base run
 * with the same mappings and watermarks exists) and puts the base run and each source's lower bound into the
 * job ExecutionContext ({@value #BASE_KEY}, {@value #SINCE_KEY}{@code <SOURCE>}), where the extract readers
 * and {@code carryOverUnchanged} read them, so a restarted run reads exactly what its first attempt decided.
 */
public final class Incremental {

    public static final String MODE_PARAMETER = "run.mode";
    public static final String INCREMENTAL = "incremental";
    public static final String FULL = "full";
    public static final String BASE_KEY = "incremental.base";
    public static final String SINCE_KEY = "incremental.since.";

    private Incremental() {
    }

    /** The job ExecutionContext of the step running on this thread, or null outside a step. */
    static ExecutionContext jobContext() {
        StepContext context = StepSynchronizationManager.getContext();
        return context == null ? null : context.getStepExecution().getJobExecution().getExecutionContext();
    }
}
