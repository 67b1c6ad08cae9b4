package dev.tessera.crypto;

/** Every slow-hash permit stayed taken for the whole wait: the caller should answer "retry later". */
public final class SlowHashBusyException extends RuntimeException {
    public SlowHashBusyException() {
        super("too many slow secret checks in progress", null, false, false);
    }
}
