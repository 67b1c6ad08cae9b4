package dev.tessera.login;

import dev.tessera.crypto.RandomStrings;
import dev.tessera.scope.Scope;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.AccessTokenIssuer;
import dev.tessera.token.IdTokenIssuer;
import dev.tessera.token.ScopePolicy;
import dev.tessera.token.TokenIds;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The login handoff (issue 10), shared by the issuer endpoints (the client's own credentials)
 * and the management API (an admin token): start a login request, show it, and accept or
 * reject it once. Accepting issues the authorization code (or, for implicit, the tokens) and
 * answers where the browser goes next.
 */
public final class LoginDecisions {
    /** How long the login application has to decide. */
    public static final long LOGIN_LIFETIME_SECONDS = 600;
    /** Authorization codes live at most 60 s (issue 10; RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final long CODE_LIFETIME_SECONDS = 60;

    private final LoginRequestRepository requests;
    private final UserGrantRepository grants;
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final Clock clock;

    public LoginDecisions(LoginRequestRepository requests, UserGrantRepository grants, AccessTokenIssuer accessTokens,
                          IdTokenIssuer idTokens, Clock clock) {
        this.requests = requests;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.clock = clock;
    }

    public UserGrantRepository grants() {
        return grants;
    }

    private long nowMicros() {
        return clock.millis() * 1000;
    }

    /** Stores a validated request; returns its login_challenge (256 random bits, only its hash is kept). */
    public String start(AuthServerConfig server, AuthorizationRequest request) {
        String challenge = randomToken();
        long now = nowMicros();
        requests.insert(challenge, new LoginRequest(server.server().id(), request.clientId(), request, now,
                now + LOGIN_LIFETIME_SECONDS * 1_000_000, null));
        return challenge;
    }

    /**
     * The pending request for the login application. {@code asClient} is the authenticated client
     * at the issuer (a request of another client is unknown to it), or null for an admin.
     */
    public LoginRequest pending(AuthServerConfig server, String challenge, String asClient) {
        LoginRequest r = requests.find(server.server().id(), challenge)
                .filter(x -> asClient == null || x.clientId().equals(asClient))
                .orElseThrow(() -> new LoginException(LoginException.Kind.NOT_FOUND, "login_challenge",
                        "no such login request"));
        if (r.decidedAt() != null || r.expiresAt() <= nowMicros()) {
            throw new LoginException(LoginException.Kind.GONE, "login_challenge",
                    "the login request has expired or was already accepted or rejected");
        }
        return r;
    }

    /** Where the browser goes next. */
    public record Decision(String redirectTo) {
    }

    public Decision accept(AuthServerConfig server, String challenge, String asClient, Acceptance acceptance) {
        LoginRequest pending = pending(server, challenge, asClient);
        AuthorizationRequest request = pending.request();
        ClientEntry client = clientOf(server, request.clientId());
        if (request.maxAge() != null && acceptance.authTime() == null) {
            // OIDC Core §2: auth_time is REQUIRED in the ID token when max_age was requested.
            throw LoginException.invalid("auth_time", "is required: the authorization request has max_age");
        }
        List<String> names = acceptance.scopes() == null ? request.scopes() : acceptance.scopes();
        UserScopes.firstNotIn(names, request.scopes()).ifPresent(n -> {
            throw LoginException.invalid("scopes", "may only contain requested scopes; '" + n + "' was not requested");
        });
        ScopePolicy.Decision decision = UserScopes.decide(server, client.client(), names);
        if (!decision.ok()) {
            throw LoginException.invalid("scopes", "contains '" + decision.refused() + "', which this client may no longer have");
        }
        if (acceptance.scopes() != null && names.isEmpty()) {
            decision = new ScopePolicy.Decision(List.of(), null);
        }
        decide(server, challenge, request);
        UserGrant grant = new UserGrant(acceptance.subject(), decision.granted().stream().map(Scope::name).toList(),
                acceptance.claims(), acceptance.authTime(), acceptance.acr(), acceptance.amr(), request.nonce(),
                request.redirectUri(), request.codeChallenge());
        Map<String, String> params = respond(server, client, request, grant, decision.granted());
        return deliver(server, challenge, request, params);
    }

    /** Errors a login application may answer with (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6). */
    public static final List<String> REJECT_ERRORS = List.of("access_denied", "login_required", "consent_required",
            "interaction_required", "account_selection_required");

    public Decision reject(AuthServerConfig server, String challenge, String asClient, String error, String description) {
        if (error != null && !REJECT_ERRORS.contains(error)) {
            throw LoginException.invalid("error", "must be one of " + String.join(", ", REJECT_ERRORS));
        }
        if (description != null && (description.length() > 1024 || !description.chars().allMatch(c -> c >= 0x20 && c <= 0x7e))) {
            throw LoginException.invalid("error_description", "must be at most 1024 printable ASCII characters (RFC 6749 §4.1.2.1)");
        }
        error = error == null ? "access_denied" : error;
        description = description == null ? "the user or the login application denied the request" : description;
        LoginRequest pending = pending(server, challenge, asClient);
        decide(server, challenge, pending.request());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", pending.request().state());
        params.put("iss", server.issuer());
        return deliver(server, challenge, pending.request(), params);
    }

    /**
     * Direct authorization (issue 10): a trusted confidential client that signed the user in itself
     * gets a code in one call; the request was validated by the authorize endpoint.
     */
    public String directCode(AuthServerConfig server, ClientEntry client, AuthorizationRequest request, Acceptance acceptance) {
        ScopePolicy.Decision decision = UserScopes.decide(server, client.client(), request.scopes());
        UserGrant grant = new UserGrant(acceptance.subject(), decision.granted().stream().map(Scope::name).toList(),
                acceptance.claims(), acceptance.authTime(), acceptance.acr(), acceptance.amr(), request.nonce(),
                request.redirectUri(), request.codeChallenge());
        return AuthorizationResponses.redirect(request.redirectUri(), "query",
                respond(server, client, request, grant, decision.granted()));
    }

    /** The form_post page's parameters for the browser's one visit after the decision. */
    public Optional<Map<String, String>> formPostResponse(AuthServerConfig server, String challenge) {
        return requests.takeFormPostResponse(server.server().id(), challenge, nowMicros());
    }

    private void decide(AuthServerConfig server, String challenge, AuthorizationRequest request) {
        if (!requests.decide(server.server().id(), challenge, nowMicros(), null)) {
            throw new LoginException(LoginException.Kind.GONE, "login_challenge",
                    "the login request has expired or was already accepted or rejected");
        }
    }

    private Decision deliver(AuthServerConfig server, String challenge, AuthorizationRequest request,
                             Map<String, String> params) {
        if (request.responseMode().equals("form_post")) {
            Map<String, String> kept = new LinkedHashMap<>(params);
            kept.put("redirect_uri", request.redirectUri());
            requests.keepFormPostResponse(server.server().id(), challenge, kept);
            return new Decision(server.issuer() + "/authorize/form-post?login_challenge=" + challenge);
        }
        return new Decision(AuthorizationResponses.redirect(request.redirectUri(), request.responseMode(), params));
    }

    /** The response parameters: a code, or the implicit tokens, with state and iss (RFC 9207). */
    private Map<String, String> respond(AuthServerConfig server, ClientEntry client, AuthorizationRequest request,
                                        UserGrant grant, List<Scope> granted) {
        Map<String, String> params = new LinkedHashMap<>();
        long now = nowMicros();
        UUID serverId = server.server().id();
        if (request.issuesCode()) {
            String code = randomToken();
            long expires = now + CODE_LIFETIME_SECONDS * 1_000_000;
            grants.insert(serverId, code, client.client().id(), grant, now, expires, null, expires);
            params.put("code", code);
        } else {
            String accessToken = null;
            if (request.issuesAccessToken()) {
                UUID jti = TokenIds.next();
                long keepUntil = now + client.client().accessTokenDuration() * 1_000_000L;
                grants.insert(serverId, randomToken(), client.client().id(), grant, now, now, jti.toString(), keepUntil);
                AccessTokenIssuer.Issued issued = accessTokens.issueForUser(server, client, granted, grant.subject(), jti);
                accessToken = issued.jwt();
                params.put("access_token", accessToken);
                params.put("token_type", "Bearer");
                params.put("expires_in", Long.toString(issued.expiresIn()));
                params.put("scope", issued.scope());
            }
            if (request.issuesIdToken()) {
                params.put("id_token", idTokens.issue(server, client, signIn(grant), accessToken, null));
            }
        }
        params.put("state", request.state());
        params.put("iss", server.issuer());
        return params;
    }

    /** What the login application is shown of a pending request. */
    public static Map<String, Object> describe(String challenge, LoginRequest r) {
        AuthorizationRequest q = r.request();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("login_challenge", challenge);
        out.put("client_id", r.clientId());
        out.put("redirect_uri", q.redirectUri());
        out.put("response_type", q.responseType());
        out.put("requested_scopes", q.scopes());
        out.put("prompt", q.prompt());
        out.put("max_age", q.maxAge());
        out.put("created_at", r.createdAt() / 1_000_000);
        out.put("expires_at", r.expiresAt() / 1_000_000);
        return out;
    }

    public static IdTokenIssuer.SignIn signIn(UserGrant grant) {
        return new IdTokenIssuer.SignIn(grant.subject(), grant.authTime(), grant.acr(), grant.amr(), grant.claims(),
                grant.nonce());
    }

    private static ClientEntry clientOf(AuthServerConfig server, String clientId) {
        ClientEntry client = server.clients().get(clientId);
        if (client == null) {
            throw new LoginException(LoginException.Kind.GONE, "login_challenge", "the client of this login request is gone");
        }
        return client;
    }

    /** 256 random bits, base64url: login challenges and authorization codes. */
    static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(RandomStrings.bytes(32));
    }
}
