package dev.tessera.oauth.authorize;

import dev.tessera.login.AuthorizationResponses;

/** The small page shown for an authorization request Tessera cannot safely send back to the client. */
final class ErrorPage {
    private ErrorPage() {
    }

    static String render(String error, String description) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorization error</title></head><body>"
                + "<h1>The sign-in request cannot continue</h1><p>" + AuthorizationResponses.html(description) + "</p>"
                + "<p><code>" + AuthorizationResponses.html(error) + "</code></p>"
                + "<p>Go back to the application and try again; if it keeps happening, tell its operator.</p>"
                + "</body></html>";
    }
}
