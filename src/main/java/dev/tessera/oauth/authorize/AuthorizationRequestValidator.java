package dev.tessera.oauth.authorize;

import dev.tessera.login.AuthorizationRequest;
import dev.tessera.login.UserScopes;
import dev.tessera.scope.Scope;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.ScopePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks an authorization request — RFC 6749 §4.1.1/§4.2.1, RFC 7636 §4.3, OIDC Core §3.1.2.1 —
 * in the order that decides how errors travel: first the client and its redirect URI (errors
 * are shown, never redirected), then everything else (errors redirected with state and iss).
 */
final class AuthorizationRequestValidator {
    static final int MAX_PARAMETER = 2048;
    private static final Set<String> RESPONSE_TYPES = Set.of("code", "token", "id_token", "id_token token");
    private static final Set<String> RESPONSE_MODES = Set.of("query", "fragment", "form_post");
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");

    private AuthorizationRequestValidator() {
    }

    /** The client and redirect URI the request names, both checked (else an unsafe error). */
    record Target(ClientEntry client, String redirectUri) {
    }

    static Target target(AuthServerConfig server, Function<String, Optional<String>> params) {
        // client_id (REQUIRED) — RFC 6749 §4.1.1
        String clientId = params.apply("client_id")
                .orElseThrow(() -> AuthorizeError.unsafe("parameter 'client_id' is required"));
        ClientEntry client = server.clients().get(clientId);
        if (client == null) {
            throw AuthorizeError.unsafe("client_id '" + shorten(clientId) + "' is not a client of this issuer");
        }
        // redirect_uri — RFC 6749 §3.1.2.3: compared exactly with a registered one (simple string comparison)
        List<String> registered = client.client().redirectUris();
        Optional<String> given = params.apply("redirect_uri");
        String redirectUri;
        if (given.isPresent()) {
            if (!registered.contains(given.get())) {
                throw AuthorizeError.unsafe("redirect_uri is not registered for this client (it must match exactly)");
            }
            redirectUri = given.get();
        } else if (registered.size() == 1) {
            redirectUri = registered.getFirst();
        } else {
            throw AuthorizeError.unsafe(registered.isEmpty() ? "this client has no registered redirect_uris"
                    : "parameter 'redirect_uri' is required: this client registered several");
        }
        return new Target(client, redirectUri);
    }

    static AuthorizationRequest validate(AuthServerConfig server, Target target, Function<String, Optional<String>> params) {
        ClientEntry client = target.client();
        String redirectUri = target.redirectUri();
        String state = params.apply("state").orElse(null);
        String rawType = params.apply("response_type").orElse(null);
        String responseType = rawType == null ? null : normalise(rawType);
        String defaultMode = responseType == null || responseType.equals("code") ? "query" : "fragment";
        String mode = params.apply("response_mode").filter(RESPONSE_MODES::contains).orElse(defaultMode);
        Failing fail = (error, description) -> AuthorizeError.redirected(error, description, redirectUri, mode, state);
        if (state != null && state.length() > MAX_PARAMETER) {
            throw AuthorizeError.redirected("invalid_request", "parameter 'state' is longer than " + MAX_PARAMETER
                    + " characters", redirectUri, mode, null);
        }
        // response_type (REQUIRED) — RFC 6749 §3.1.1
        if (responseType == null) {
            throw fail.with("invalid_request", "parameter 'response_type' is required");
        }
        if (!RESPONSE_TYPES.contains(responseType)) {
            throw fail.with("unsupported_response_type", "response_type '" + shorten(rawType) + "' is not supported "
                    + "(code, token, id_token, id_token token)");
        }
        Optional<String> requestedMode = params.apply("response_mode");
        if (requestedMode.isPresent() && !RESPONSE_MODES.contains(requestedMode.get())) {
            throw fail.with("invalid_request", "response_mode must be query, fragment or form_post");
        }
        if (!responseType.equals("code") && mode.equals("query")) {
            // Multiple Response Type Encoding Practices §3.0: tokens never travel in a query string.
            throw AuthorizeError.redirected("invalid_request", "response_mode query is not allowed for response_type '"
                    + responseType + "'", redirectUri, "fragment", state);
        }
        for (String part : responseType.split(" ")) {
            String grant = part.equals("code") ? "authorization_code" : "implicit";
            if (!client.client().grantTypes().contains(grant) || !client.client().responseTypes().contains(part)) {
                throw fail.with("unauthorized_client", "this client may not use response_type '" + responseType + "'");
            }
        }
        // scope — RFC 6749 §3.3; openid is required for an ID token (OIDC Core §3.2.2.1)
        Optional<String> scopeParam = params.apply("scope");
        List<String> requested = scopeParam.map(ScopePolicy::split).orElse(List.of());
        if (responseType.startsWith("id_token") && !requested.contains("openid")) {
            throw fail.with("invalid_request", "scope must contain openid for response_type '" + responseType + "'");
        }
        ScopePolicy.Decision scopes = UserScopes.decide(server, client.client(), requested);
        if (!scopes.ok()) {
            throw fail.with("invalid_scope", "scope '" + shorten(scopes.refused()) + "' is not allowed for this client");
        }
        // nonce — OIDC Core §3.2.2.1: REQUIRED when an ID token comes from the authorization endpoint
        String nonce = params.apply("nonce").orElse(null);
        if (nonce == null && responseType.startsWith("id_token")) {
            throw fail.with("invalid_request", "parameter 'nonce' is required for response_type '" + responseType + "'");
        }
        if (nonce != null && nonce.length() > 512) {
            throw fail.with("invalid_request", "parameter 'nonce' is longer than 512 characters");
        }
        // code_challenge, code_challenge_method — RFC 7636 §4.3; S256 only
        String challenge = params.apply("code_challenge").orElse(null);
        Optional<String> method = params.apply("code_challenge_method");
        if (method.isPresent() && !method.get().equals("S256")) {
            throw fail.with("invalid_request", "code_challenge_method must be S256 (plain is not accepted)");
        }
        if (challenge != null && method.isEmpty()) {
            throw fail.with("invalid_request", "code_challenge_method=S256 is required with code_challenge (plain is not accepted)");
        }
        if (method.isPresent() && challenge == null) {
            throw fail.with("invalid_request", "parameter 'code_challenge' is required with code_challenge_method");
        }
        if (challenge != null && !CODE_CHALLENGE.matcher(challenge).matches()) {
            throw fail.with("invalid_request", "code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~]");
        }
        if (challenge == null && responseType.equals("code") && (client.client().isPublic() || server.server().requirePkce())) {
            throw fail.with("invalid_request", "parameter 'code_challenge' is required: "
                    + (client.client().isPublic() ? "public clients must use PKCE" : "this issuer requires PKCE"));
        }
        if (challenge != null && !responseType.equals("code")) {
            challenge = null; // PKCE binds codes; nothing to bind in an implicit response
        }
        // prompt, max_age — OIDC Core §3.1.2.1, passed on to the login application
        String prompt = params.apply("prompt").orElse(null);
        if (prompt != null) {
            List<String> values = ScopePolicy.split(prompt);
            if (values.isEmpty() || !PROMPTS.containsAll(values) || (values.contains("none") && values.size() > 1)) {
                throw fail.with("invalid_request", "prompt must be none, or any of login, consent and select_account");
            }
        }
        String maxAgeText = params.apply("max_age").orElse(null);
        if (maxAgeText != null && !MAX_AGE.matcher(maxAgeText).matches()) {
            throw fail.with("invalid_request", "max_age must be a non-negative number of seconds");
        }
        List<String> granted = new ArrayList<>();
        for (Scope s : scopes.granted()) {
            granted.add(s.name());
        }
        return new AuthorizationRequest(client.client().id(), redirectUri, responseType, mode, granted, state, nonce,
                challenge, prompt, maxAgeText == null ? null : Integer.valueOf(maxAgeText));
    }

    @FunctionalInterface
    private interface Failing {
        AuthorizeError with(String error, String description);
    }

    private static String normalise(String responseType) {
        List<String> parts = new ArrayList<>(ScopePolicy.split(responseType));
        parts.sort(null);
        return String.join(" ", parts);
    }

    private static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
