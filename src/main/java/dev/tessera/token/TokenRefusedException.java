package dev.tessera.token;

/**
 * A token could not be issued for a reason on the server's side (a claim that cannot be
 * rendered, a record that cannot be written). The OAuth layer answers {@code server_error}
 * with this message.
 */
public final class TokenRefusedException extends RuntimeException {
    public TokenRefusedException(String message) {
        super(message, null, false, false);
    }
}
