package dev.tessera.login;

/**
 * A refused login-request call. The issuer endpoints turn it into RFC 6749 error JSON, the
 * management API into a problem; {@code field} names the body field for {@link Kind#INVALID}.
 */
public final class LoginException extends RuntimeException {
    public enum Kind { NOT_FOUND, GONE, INVALID }

    private final Kind kind;
    private final String field;

    public LoginException(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    static LoginException invalid(String field, String reason) {
        return new LoginException(Kind.INVALID, field, field + " " + reason);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
