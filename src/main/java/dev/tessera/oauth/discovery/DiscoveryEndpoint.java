package dev.tessera.oauth.discovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import dev.tessera.http.Json;
import dev.tessera.oauth.clientauth.assertion.ClientAssertionVerifier;
import dev.tessera.scope.Scope;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.CompiledClaim;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Metadata — OpenID Connect Discovery 1.0 §3 and RFC 8414 §2 (one document serves both), and
 * the JWKS — RFC 7517 §5. Metadata lists exactly what works: clients trust it.
 */
public final class DiscoveryEndpoint {
    private static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt");
    /** The algorithms client assertions may use (RFC 8414 §2), the same at every endpoint that authenticates clients. */
    private static final List<String> AUTH_SIGNING_ALGS = Stream.concat(ClientAssertionVerifier.HMAC_ALGS.stream(),
            ClientAssertionVerifier.KEY_ALGS.stream()).map(JWSAlgorithm::getName).toList();

    /** What the authorize endpoint serves (issue 10); "code id_token" and other hybrids are not. */
    private static final List<String> RESPONSE_TYPES = List.of("code", "token", "id_token", "id_token token");

    private final List<String> grantTypes;
    private final String jwksCacheControl;

    /** @param grantTypes the token endpoint's grants, and {@code implicit}, which the authorize endpoint serves */
    public DiscoveryEndpoint(List<String> grantTypes) {
        this(grantTypes, 300);
    }

    /** @param jwksMaxAgeSeconds the JWKS cache lifetime; shorter than the key lead time (checked at start-up) */
    public DiscoveryEndpoint(List<String> grantTypes, long jwksMaxAgeSeconds) {
        this.grantTypes = List.copyOf(grantTypes);
        this.jwksCacheControl = "public, max-age=" + jwksMaxAgeSeconds;
    }

    /**
     * The rendered document per configuration snapshot (weak keys compare by identity): a new
     * snapshot renders afresh, and a replaced one's document goes with it, so this stays as small
     * as the set of live snapshots.
     */
    private final Cache<AuthServerConfig, String> rendered = Caffeine.newBuilder()
            .weakKeys().maximumSize(10_000).build();

    public void metadata(Context ctx, AuthServerConfig server) {
        String json = rendered.get(server, this::render);
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.status(200).contentType("application/json").result(json);
    }

    private String render(AuthServerConfig server) {
        String issuer = server.issuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("token_endpoint", issuer + "/oauth/token");
        m.put("jwks_uri", issuer + "/.well-known/jwks");
        m.put("introspection_endpoint", issuer + "/introspect");
        m.put("revocation_endpoint", issuer + "/revoke");
        m.put("userinfo_endpoint", issuer + "/userinfo");
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("grant_types_supported", grantTypes);
        m.put("response_types_supported", RESPONSE_TYPES);
        m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        // Public clients (none) redeem codes with PKCE; only the token endpoint accepts them.
        List<String> tokenAuthMethods = new ArrayList<>(AUTH_METHODS);
        tokenAuthMethods.add("none");
        m.put("token_endpoint_auth_methods_supported", tokenAuthMethods);
        m.put("introspection_endpoint_auth_methods_supported", AUTH_METHODS);
        m.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        m.put("token_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        m.put("introspection_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        m.put("revocation_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        // Every algorithm a published key signs or will sign with, the active key's first.
        List<String> algs = server.publishedKeys().values().stream().map(k -> k.alg().joseName()).distinct().toList();
        m.put("id_token_signing_alg_values_supported", algs);
        m.put("subject_types_supported", List.of("public"));
        List<String> scopes = new ArrayList<>();
        scopes.add("openid");
        for (Scope s : server.scopes()) {
            if (s.includeInMetadata() && s.enabled() && !s.name().equals("openid")) {
                scopes.add(s.name());
            }
        }
        m.put("scopes_supported", scopes);
        List<String> claims = new ArrayList<>(List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope",
                "azp", "auth_time", "nonce", "at_hash", "acr", "amr"));
        for (CompiledClaim c : server.claims()) {
            if (c.claim().enabled()) {
                claims.add(c.claim().name());
            }
        }
        m.put("claims_supported", claims);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        return Json.write(m);
    }

    public void jwks(Context ctx, AuthServerConfig server) {
        ctx.header("Cache-Control", jwksCacheControl);
        ctx.status(200).contentType("application/jwk-set+json").result(server.jwksJson());
    }
}
