package dev.tessera.oauth;

/**
 * A refused OAuth request. {@code description} goes to the client as {@code error_description};
 * {@code logDetail} goes only to the log, so a failed secret never tells the caller why.
 */
public final class OAuthException extends RuntimeException {
    private final OAuthError error;
    private final String logDetail;
    private final boolean basicAuthUsed;
    private final long retryAfterSeconds;

    public OAuthException(OAuthError error, String description) {
        this(error, description, null, false);
    }

    public OAuthException(OAuthError error, String description, String logDetail, boolean basicAuthUsed) {
        super(description, null, false, false);
        this.error = error;
        this.logDetail = logDetail;
        this.basicAuthUsed = basicAuthUsed;
        this.retryAfterSeconds = 0;
    }

    /** A refusal the client may retry after some seconds (sent as {@code Retry-After}). */
    public OAuthException(OAuthError error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.error = error;
        this.logDetail = null;
        this.basicAuthUsed = false;
        this.retryAfterSeconds = retryAfterSeconds;
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

    /** Seconds for {@code Retry-After}, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 401 {@code invalid_client} then carries {@code WWW-Authenticate: Basic} (RFC 6749 §5.2). */
    public boolean basicAuthUsed() {
        return basicAuthUsed;
    }
}
