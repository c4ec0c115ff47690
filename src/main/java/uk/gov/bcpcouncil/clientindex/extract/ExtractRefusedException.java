package uk.gov.bcpcouncil.clientindex.extract;

/** An extract delivery failed its checks; nothing from it is loaded. */
public class ExtractRefusedException extends RuntimeException {
    public ExtractRefusedException(String message) {
        super(message);
    }
}
