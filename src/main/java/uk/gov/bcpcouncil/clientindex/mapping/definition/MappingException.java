package uk.gov.bcpcouncil.clientindex.mapping.definition;

import uk.gov.bcpcouncil.clientindex.config.ConfigurationException;

/** A mapping file or code table is invalid; the run stops before reading a row. */
public class MappingException extends ConfigurationException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
