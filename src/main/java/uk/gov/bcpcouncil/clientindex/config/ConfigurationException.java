package uk.gov.bcpcouncil.clientindex.config;

/** A setting is missing or wrong; the command exits with code 2 and this message. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
