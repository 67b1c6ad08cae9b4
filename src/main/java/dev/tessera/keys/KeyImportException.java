package dev.tessera.keys;

/** An imported key that cannot be used; names the request field at fault and why. Nothing was stored. */
public final class KeyImportException extends RuntimeException {
    private final String field;

    public KeyImportException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
