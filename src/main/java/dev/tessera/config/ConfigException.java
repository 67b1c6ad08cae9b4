package dev.tessera.config;

/** A setting is missing or invalid; the message is one line meant for the operator. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
