package dev.tessera.oauth;

/**
 * A refused OAuth request. {@code description} goes to the client as {@code error_description};
 * {@code logDetail} goes only to the log, so a failed secret never tells the caller why.
 */
public final class OAuthException extends RuntimeException {
    private final OAuthError error;
    private final String logDetail;
    private final boolean basicAuthUsed;

    public OAuthException(OAuthError error, String description) {
        this(error, description, null, false);
    }

    public OAuthException(OAuthError error, String description, String logDetail, boolean basicAuthUsed) {
        super(description, null, false, false);
        this.error = error;
        this.logDetail = logDetail;
        this.basicAuthUsed = basicAuthUsed;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public String logDetail() {
        return logDetail;
    }

    /** A 401 {@code invalid_client} then carries {@code WWW-Authenticate: Basic} (RFC 6749 §5.2). */
    public boolean basicAuthUsed() {
        return basicAuthUsed;
    }
}
