package dev.tessera.keys;

/** A key change that the current keys do not allow (a rotation already scheduled, a kid in use); nothing changed. */
public final class KeyConflictException extends RuntimeException {
    public KeyConflictException(String message) {
        super(message);
    }
}
