package dev.tessera.token;

/** The token's client was deleted (here or on another node) before its record could be written. */
public final class ClientGoneException extends RuntimeException {
    public ClientGoneException(String clientId) {
        super("client " + clientId + " no longer exists", null, false, false);
    }
}
