package uk.gov.bcpcouncil.clientindex.reconcile;

import java.util.Map;

/**
 * The control totals of one source. The identity that must hold: {@code read = indexed + rejected +
 * excluded}, and {@code read} equals {@code sourceCount}, the count queried from the source itself.
 */
public record SourceTotals(String source, long sourceCount, long read, long indexed, long rejected, long excluded,
        Map<String, Long> rejectedByReason, Map<String, Long> excludedByReason) {

    public boolean balanced() {
        return read == indexed + rejected + excluded && read == sourceCount;
    }
}
