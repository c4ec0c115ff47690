package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

import java.util.Objects;

/**
 * Result of checking one raw identifier value.
 *
 * <p>Contract: {@code status} is never null; {@code normalised} is null exactly when the status is
 * {@link IdentifierStatus#ABSENT}, otherwise it holds the value in its normalised written form (also
 * for invalid values, so that reports can show what was rejected). {@code raw} is the value exactly as
 * read from the source and may be null.
 *
 * <p>Thread safety: immutable, safe to share between threads.
 *
 * @param raw        the value as read from the legacy source, unchanged (may be null)
 * @param normalised the normalised value; null only when {@code status} is ABSENT
 * @param status     the outcome of the check
 */
public record IdentifierCheck(String raw, String normalised, IdentifierStatus status) {

    /**
     * Validates the invariants described on the type.
     *
     * @throws NullPointerException     if {@code status} is null
     * @throws IllegalArgumentException if {@code normalised} is null for a non-ABSENT status or non-null for ABSENT
     */
    public IdentifierCheck {
        Objects.requireNonNull(status, "status");
        if ((status == IdentifierStatus.ABSENT) != (normalised == null)) {
            throw new IllegalArgumentException(
                    "normalised must be null exactly when status is ABSENT, got " + status + " / " + normalised);
        }
    }
}
