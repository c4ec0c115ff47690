package uk.gov.bcpcouncil.clientindex.mapping.identifiers;

/**
 * Outcome of checking one raw identifier value (NHS number, UPN, postcode) taken from a legacy system.
 *
 * <p>Only {@link #VALID} may be used as evidence that two records describe the same child: a temporary
 * UPN, a pseudo postcode or any value that failed a check must never contribute to a merge decision.
 *
 * <p>Thread safety: enum constants are immutable and safe to share between threads.
 */
public enum IdentifierStatus {

    /** No value was recorded (null, empty or blank). */
    ABSENT,
    /** Well formed and passes every check (check digit or letter, LA code, postcode pattern). */
    VALID,
    /** A well-formed temporary UPN with a correct check letter; not evidence for a merge. */
    VALID_TEMPORARY,
    /** Wrong length, wrong characters or wrong shape for the identifier type. */
    INVALID_FORMAT,
    /** Right shape, but the check digit or check letter is wrong. */
    INVALID_CHECK,
    /** An NHS number made of one repeated digit (passes Modulus 11 but is never issued). */
    REPDIGIT,
    /** A UPN whose characters 2-4 are not a recognised DfE LA number. */
    INVALID_LA_CODE,
    /** A recognised non-address value: postcode {@code NFA} (no fixed abode) or a {@code ZZ99} pseudo postcode. */
    SPECIAL;

    /**
     * Whether a value with this status may be used as evidence that two records are the same child.
     *
     * @return {@code true} only for {@link #VALID}
     */
    public boolean usableAsEvidence() {
        return this == VALID;
    }
}
