package dev.tessera.token;

/**
 * The token asked for would be longer than introspection reads, so it is not issued: the
 * claims selected for the request (templates, scope names) are too large together.
 */
public final class TokenTooLargeException extends RuntimeException {
    public TokenTooLargeException(String message) {
        super(message, null, false, false);
    }
}
