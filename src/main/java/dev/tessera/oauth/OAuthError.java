package dev.tessera.oauth;

/** The error codes of RFC 6749 §5.2 (and RFC 6750 §3.1 for bearer tokens), each with its HTTP status. */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400),
    /** Too many failed client authentications (RFC 8628 §3.5's code; sent with 429 and Retry-After). */
    SLOW_DOWN("slow_down", 429),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    INVALID_TOKEN("invalid_token", 401),
    METHOD_NOT_ALLOWED("invalid_request", 405),
    BODY_TOO_LARGE("invalid_request", 413),
    BODY_TIMEOUT("invalid_request", 408),
    NOT_FOUND("not_found", 404),
    /** A login request that expired or was already decided (issue 10). */
    GONE("invalid_request", 410),
    SERVER_ERROR("server_error", 500),
    /** RFC 6749 §4.1.2.1 names it for redirects; the token endpoint answers it with 503 and Retry-After. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

    private final String code;
    private final int status;

    OAuthError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
