package dev.tessera.oauth.authorize;

import dev.tessera.oauth.OAuthError;

/**
 * A refused authorization request. With a {@code redirectUri} it is sent back to the client
 * (RFC 6749 §4.1.2.1); without one (unknown client, unregistered or missing redirect URI) the
 * redirect would be unsafe and Tessera shows the error itself.
 */
final class AuthorizeError extends RuntimeException {
    final String error;
    final String redirectUri;
    final String responseMode;
    final String state;

    private AuthorizeError(String error, String description, String redirectUri, String responseMode, String state) {
        super(description, null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.responseMode = responseMode;
        this.state = state;
    }

    static AuthorizeError unsafe(String description) {
        return new AuthorizeError(OAuthError.INVALID_REQUEST.code(), description, null, null, null);
    }

    static AuthorizeError redirected(String error, String description, String redirectUri, String responseMode,
                                     String state) {
        return new AuthorizeError(error, description, redirectUri, responseMode, state);
    }

    boolean redirectable() {
        return redirectUri != null;
    }
}
