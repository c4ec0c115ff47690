package uk.gov.bcpcouncil.clientindex.extract;

/** A source delivered more malformed rows than its {@code reject-limit} allows: the run fails. */
public class RejectLimitExceededException extends RuntimeException {
    public RejectLimitExceededException(String message) {
        super(message);
    }
}
