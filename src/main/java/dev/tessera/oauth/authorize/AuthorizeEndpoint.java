package dev.tessera.oauth.authorize;

import dev.tessera.login.Acceptance;
import dev.tessera.login.AuthorizationRequest;
import dev.tessera.login.AuthorizationResponses;
import dev.tessera.login.LoginDecisions;
import dev.tessera.login.LoginException;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.oauth.OAuthResponses;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorization endpoint — RFC 6749 §3.1 (GET, and POST with a form), RFC 7636 (PKCE S256),
 * RFC 9207 ({@code iss} in every response). A valid request becomes a login request and the
 * browser goes to the client's {@code login_uri} with its {@code login_challenge}; the login
 * application decides it (see {@code LoginRequestEndpoint}).
 *
 * <p>A POST that carries client credentials is the direct authorization of a trusted
 * confidential client instead: answered with JSON, never with a redirect.
 */
public final class AuthorizeEndpoint {
    private final LoginDecisions logins;
    private final ClientAuthenticator authenticator;

    public AuthorizeEndpoint(LoginDecisions logins, ClientAuthenticator authenticator) {
        this.logins = logins;
        this.authenticator = authenticator;
    }

    public void get(Context ctx, AuthServerConfig server) {
        Map<String, String> params = new HashMap<>();
        String repeated = null;
        for (var e : ctx.queryParamMap().entrySet()) {
            if (e.getValue().size() > 1) {
                repeated = e.getKey();
            }
            params.put(e.getKey(), e.getValue().getFirst());
        }
        browser(ctx, server, params::get, repeated);
    }

    public void post(Context ctx, AuthServerConfig server) {
        FormRequest form = FormRequest.from(ctx);
        if (form.basic().isPresent() || form.get("client_secret").isPresent()) {
            direct(ctx, server, form);
            return;
        }
        browser(ctx, server, name -> form.get(name).orElse(null), null);
    }

    private void browser(Context ctx, AuthServerConfig server, Function<String, String> raw, String repeated) {
        OAuthResponses.noStore(ctx);
        try {
            Function<String, Optional<String>> params = name -> Optional.ofNullable(raw.apply(name)).filter(v -> !v.isEmpty());
            if ("client_id".equals(repeated) || "redirect_uri".equals(repeated)) {
                throw AuthorizeError.unsafe("parameter '" + repeated + "' is repeated");
            }
            for (String name : List.of("client_id", "redirect_uri")) {
                if (params.apply(name).map(String::length).orElse(0) > AuthorizationRequestValidator.MAX_PARAMETER) {
                    throw AuthorizeError.unsafe("parameter '" + name + "' is too long");
                }
            }
            var target = AuthorizationRequestValidator.target(server, params);
            if (repeated != null) {
                throw AuthorizeError.redirected("invalid_request", "parameter '" + repeated + "' is repeated",
                        target.redirectUri(), "query", null);
            }
            AuthorizationRequest request = AuthorizationRequestValidator.validate(server, target, params);
            String loginUri = target.client().client().loginUri();
            if (loginUri == null) {
                throw AuthorizeError.redirected("unauthorized_client", "this client has no login_uri for users to sign in",
                        request.redirectUri(), request.responseMode(), request.state());
            }
            String challenge = logins.start(server, request);
            ctx.redirect(loginUri + (loginUri.contains("?") ? "&" : "?") + "login_challenge=" + challenge, io.javalin.http.HttpStatus.FOUND);
        } catch (AuthorizeError e) {
            answer(ctx, server, e);
        }
    }

    /** Errors: redirected to the client with state and iss, or shown here when the redirect is unsafe. */
    private static void answer(Context ctx, AuthServerConfig server, AuthorizeError e) {
        if (!e.redirectable()) {
            String accept = String.valueOf(ctx.header("Accept")).toLowerCase(Locale.ROOT);
            if (accept.contains("application/json") && !accept.contains("text/html")) {
                OAuthResponses.json(ctx, 400, Map.of("error", e.error, "error_description", e.getMessage()));
            } else {
                ctx.status(400).contentType("text/html;charset=UTF-8").result(ErrorPage.render(e.error, e.getMessage()));
            }
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", e.error);
        params.put("error_description", e.getMessage());
        params.put("state", e.state);
        params.put("iss", server.issuer());
        if (e.responseMode.equals("form_post")) {
            ctx.status(200).contentType("text/html;charset=UTF-8")
                    .result(AuthorizationResponses.formPostPage(e.redirectUri, params));
        } else {
            ctx.redirect(AuthorizationResponses.redirect(e.redirectUri, e.responseMode, params), io.javalin.http.HttpStatus.FOUND);
        }
    }

    /**
     * Direct authorization (issue 10): the client authenticates as at the token endpoint, names
     * the user it signed in ({@code subject}) and gets the redirect URI with a code as JSON.
     */
    private void direct(Context ctx, AuthServerConfig server, FormRequest form) {
        ClientEntry client = authenticator.authenticate(server, form);
        if (!client.client().allowDirectAuthorization()) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "this client may not use direct authorization (allow_direct_authorization is false)");
        }
        Function<String, Optional<String>> params = name -> name.equals("client_id")
                ? Optional.of(client.client().id()) : form.get(name);
        String subject = form.require("subject");
        if (subject.length() > 255) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "parameter 'subject' is longer than 255 characters");
        }
        AuthorizationRequest request;
        try {
            var target = AuthorizationRequestValidator.target(server, params);
            if (!form.get("response_type").orElse("code").equals("code")) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "direct authorization issues codes: response_type must be code");
            }
            request = AuthorizationRequestValidator.validate(server, target,
                    name -> name.equals("response_type") ? Optional.of("code") : params.apply(name));
        } catch (AuthorizeError e) {
            throw new OAuthException(errorOf(e.error), e.getMessage());
        }
        Long authTime = System.currentTimeMillis() / 1000;
        String location;
        try {
            location = logins.directCode(server, client, request,
                    new Acceptance(subject, request.scopes(), Map.of(), authTime, null, List.of()));
        } catch (LoginException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, e.getMessage());
        }
        OAuthResponses.json(ctx, 200, Map.of("redirect_uri", location));
    }

    private static OAuthError errorOf(String code) {
        for (OAuthError e : OAuthError.values()) {
            if (e.code().equals(code) && e.status() == 400) {
                return e;
            }
        }
        return OAuthError.INVALID_REQUEST;
    }

    /** The browser's visit after a decision with response_mode=form_post: the page that posts the response. */
    public void formPost(Context ctx, AuthServerConfig server) {
        OAuthResponses.noStore(ctx);
        String challenge = ctx.queryParam("login_challenge");
        Optional<Map<String, String>> params = challenge == null || challenge.length() > 100 ? Optional.empty()
                : logins.formPostResponse(server, challenge);
        if (params.isEmpty()) {
            ctx.status(400).contentType("text/html;charset=UTF-8").result(ErrorPage.render("invalid_request",
                    "this authorization response is unknown, expired or was already delivered"));
            return;
        }
        Map<String, String> p = new LinkedHashMap<>(params.get());
        String redirectUri = p.remove("redirect_uri");
        ctx.status(200).contentType("text/html;charset=UTF-8").result(AuthorizationResponses.formPostPage(redirectUri, p));
    }
}
