package dev.tessera.oauth.clientauth.assertion;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.tessera.support.Backend;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.OAuthFixture.basic;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523 §2.2) at the token,
 * introspection and revocation endpoints, driven by the Nimbus OAuth SDK's own client
 * authentication classes, and every kind of bad assertion refused with 401 {@code invalid_client}.
 */
class ClientAssertionEndToEndTest {
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** 64 characters or more: HS512 needs a key as long as its hash (RFC 7518 §3.2). */
    private static final String SECRET = "a-client-secret-long-enough-for-hs512-which-needs-sixty-four-bytes-of-key";
    /** Its own server: this test fails on purpose more often than the shared server's throttle allows. */
    private static TestServer server;

    @BeforeAll
    static void start() {
        // no gap between forced jwks_uri fetches here (RemoteJwksTest checks the gap with a clock of its own)
        server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_AUTH_FAILURES_PER_SOURCE", "100000",
                "TESSERA_AUTH_FAILURES_PER_CLIENT", "100000", "TESSERA_JWKS_URI_REFETCH_SECONDS", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nimbusPrivateKeyJwtClientGetsIntrospectsAndRevokesTokens() throws Exception {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        ClientKeys keys = ClientKeys.rsa("e2e-1");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));

        AuthorizationServerMetadata meta = AuthorizationServerMetadata.resolve(new Issuer(fx.issuer));
        assertThat(meta.getTokenEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                ClientAuthenticationMethod.CLIENT_SECRET_JWT);
        assertThat(meta.getTokenEndpointJWSAlgs()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.HS256);
        ClientID id = new ClientID(fx.clientId);
        URI tokenEndpoint = meta.getTokenEndpointURI();
        RSAKey key = (RSAKey) keys.privateJwk();

        TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint,
                new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null),
                new ClientCredentialsGrant(), new Scope("read")).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        AccessToken token = ((AccessTokenResponse) response).getTokens().getAccessToken();
        assertThat(OAuthFixture.part(token.getValue(), 1).path("sub").asText()).isEqualTo(fx.clientId);

        // a new assertion per request: each jti is good for one use
        TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                meta.getIntrospectionEndpointURI(),
                new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.PS256, key.toRSAPrivateKey(), key.getKeyID(), null),
                token).toHTTPRequest().send());
        assertThat(introspection.indicatesSuccess()).isTrue();
        assertThat(introspection.toSuccessResponse().isActive()).isTrue();

        var revoked = new TokenRevocationRequest(meta.getRevocationEndpointURI(),
                new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null),
                token).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(meta.getIntrospectionEndpointURI(),
                new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null),
                token).toHTTPRequest().send()).toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void nimbusClientSecretJwtClientGetsAndIntrospectsTokensWithTheIssuerAsAudience() throws Exception {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "client_secret_jwt"));
        // the secret generated on create is kept sealed for this method; one given by PATCH is too
        var patched = fx.http.patch(fx.admin("/clients/" + fx.clientId), Http.json("client_secret", SECRET));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        ClientID id = new ClientID(fx.clientId);
        URI tokenEndpoint = URI.create(fx.issuer + "/oauth/token");

        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            var auth = new ClientSecretJWT(id, tokenEndpoint, alg, new Secret(SECRET));
            TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint, auth, new ClientCredentialsGrant(),
                    new Scope("read")).toHTTPRequest().send());
            assertThat(response.indicatesSuccess()).as(alg + " " + response).isTrue();
        }
        String token = fx.post("/oauth/token", null, assertionForm(fx.clientId, ClientKeys.hmac(SECRET, JWSAlgorithm.HS512,
                ClientKeys.claims(fx.clientId, fx.issuer).build()), "grant_type", "client_credentials")).text("access_token");
        var introspected = fx.post("/introspect", null, assertionForm(fx.clientId, ClientKeys.hmac(SECRET, JWSAlgorithm.HS256,
                ClientKeys.claims(fx.clientId, fx.issuer).build()), "token", token));
        assertThat(introspected.status()).as(introspected.toString()).isEqualTo(200);
        assertThat(introspected.json().path("active").asBoolean()).isTrue();

        // the generated secret was replaced; a wrong secret's HMAC does not verify
        var wrong = fx.post("/oauth/token", null, assertionForm(fx.clientId, ClientKeys.hmac(SECRET + "x", JWSAlgorithm.HS256,
                ClientKeys.claims(fx.clientId, fx.issuer).build()), "grant_type", "client_credentials"));
        assertRefused(wrong, "client_assertion's signature does not verify");
    }

    @Test
    void everyBadAssertionIsRefusedWithInvalidClientAndLeavesItsJtiUnused() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        ClientKeys keys = ClientKeys.rsa("e2e-refusals");
        ClientKeys stranger = ClientKeys.rsa("e2e-stranger");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        String tokenEndpoint = fx.issuer + "/oauth/token";
        String jti = "one-jti-for-every-refusal";
        Instant now = Instant.now();
        JWTClaimsSet good = ClientKeys.claims(fx.clientId, tokenEndpoint).jwtID(jti).build();

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).audience("https://elsewhere.example.com/token").build()),
                "client_assertion's aud must name this auth server");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(120))).build()), "client_assertion has expired");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).expirationTime(null).build()), "client_assertion has no exp claim");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).expirationTime(Date.from(now.plusSeconds(3600))).build()),
                "client_assertion lives too long");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).notBeforeTime(Date.from(now.plusSeconds(600))).build()),
                "client_assertion is not valid yet");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).subject("someone-else").build()),
                "client_assertion's iss and sub must both be the client id");
        refusals.put(ClientKeys.hmac(SECRET, JWSAlgorithm.HS256, good), "client_assertion's alg 'HS256' is not allowed for private_key_jwt");
        refusals.put(keys.sign(JWSAlgorithm.RS256, "no-such-kid", good),
                "client_assertion's kid 'no-such-kid' names no key registered for this client");
        refusals.put(stranger.sign(JWSAlgorithm.RS256, keys.kid(), good), "client_assertion's signature does not verify");
        refusals.put(keys.sign(new JWTClaimsSet.Builder(good).jwtID(null).build()), "client_assertion needs a jti claim");
        refusals.put(new com.nimbusds.jwt.PlainJWT(good).serialize(), "client_assertion is not a signed JWT");
        refusals.put("not.a.jwt", "client_assertion is not a signed JWT");

        for (var refusal : refusals.entrySet()) {
            for (String endpoint : List.of("/oauth/token", "/introspect", "/revoke")) {
                var r = fx.post(endpoint, null, assertionForm(null, refusal.getKey(), "grant_type", "client_credentials",
                        "token", "x"));
                assertRefused(r, refusal.getValue());
            }
        }
        // none of the refused assertions used up the jti: the good one still works, once
        String assertion = keys.sign(good);
        var ok = fx.post("/oauth/token", null, assertionForm(fx.clientId, assertion, "grant_type", "client_credentials"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        var replayed = fx.post("/oauth/token", null, assertionForm(fx.clientId, assertion, "grant_type", "client_credentials"));
        assertRefused(replayed, "client_assertion has been used before");
        var replayedElsewhere = fx.post("/introspect", null, assertionForm(fx.clientId, assertion, "token", "x"));
        assertRefused(replayedElsewhere, "client_assertion has been used before");
    }

    @Test
    void aClientAuthenticatesOnlyByTheKindOfMethodItIsRegisteredFor() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        ClientKeys keys = ClientKeys.ec("e2e-method");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        String keyClient = fx.clientId;
        String keyClientSecret = fx.clientSecret;
        // its generated secret does not authenticate it
        var bySecret = fx.post("/oauth/token", basic(keyClient, keyClientSecret), form("grant_type", "client_credentials"));
        assertThat(bySecret.status()).isEqualTo(401);
        assertThat(bySecret.text("error")).isEqualTo("invalid_client");
        // an ES256 assertion does
        var ok = fx.post("/oauth/token", null, assertionForm(keyClient, keys.sign(ClientKeys.claims(keyClient,
                fx.issuer + "/oauth/token").build()), "grant_type", "client_credentials"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

        fx.client(List.of("read"), Map.of());
        var assertionForSecretClient = fx.post("/oauth/token", null, assertionForm(fx.clientId,
                keys.sign(ClientKeys.claims(fx.clientId, fx.issuer).build()), "grant_type", "client_credentials"));
        assertRefused(assertionForSecretClient,
                "client_assertion's iss is not a client registered for client_secret_jwt or private_key_jwt");
        var unknown = fx.post("/oauth/token", null, assertionForm(null,
                keys.sign(ClientKeys.claims("no-such-client", fx.issuer).build()), "grant_type", "client_credentials"));
        assertRefused(unknown, "client_assertion's iss is not a client registered for client_secret_jwt or private_key_jwt");
    }

    @Test
    void ed25519KeysVerifyEdDsaAssertionsAndAWrongKeyDoesNot() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        ClientKeys keys = ClientKeys.ed25519("e2e-ed");
        ClientKeys other = ClientKeys.ed25519("e2e-ed-other");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        var ok = fx.post("/oauth/token", null, assertionForm(fx.clientId, keys.sign(ClientKeys.claims(fx.clientId,
                fx.issuer).build()), "grant_type", "client_credentials"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        var forged = fx.post("/oauth/token", null, assertionForm(fx.clientId, other.sign(JWSAlgorithm.EdDSA, keys.kid(),
                ClientKeys.claims(fx.clientId, fx.issuer).build()), "grant_type", "client_credentials"));
        assertRefused(forged, "client_assertion's signature does not verify");
    }

    @Test
    void malformedAssertionParametersAreInvalidRequests() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
        ClientKeys keys = ClientKeys.rsa("e2e-params");
        fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        String assertion = keys.sign(ClientKeys.claims(fx.clientId, fx.issuer).build());
        Map<String, Http.Response> answers = Map.of(
                "client_assertion_type must be " + JWT_BEARER, fx.post("/oauth/token", null, form("grant_type",
                        "client_credentials", "client_assertion_type", "urn:example:saml", "client_assertion", assertion)),
                "client_assertion is required with client_assertion_type", fx.post("/oauth/token", null, form("grant_type",
                        "client_credentials", "client_assertion_type", JWT_BEARER)),
                "client_assertion_type is required with client_assertion", fx.post("/oauth/token", null, form("grant_type",
                        "client_credentials", "client_assertion", assertion)),
                "use only one client authentication method", fx.post("/oauth/token", basic(fx.clientId, "x"),
                        form("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion", assertion)),
                "client_id does not match the client_assertion's iss", fx.post("/oauth/token", null, form("grant_type",
                        "client_credentials", "client_id", "other", "client_assertion_type", JWT_BEARER, "client_assertion", assertion)));
        answers.forEach((description, r) -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.text("error")).isEqualTo("invalid_request");
            assertThat(r.text("error_description")).isEqualTo(description);
        });
        // the assertion itself was never accepted, so it still works
        var ok = fx.post("/oauth/token", null, assertionForm(fx.clientId, assertion, "grant_type", "client_credentials"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void aClientPublishingItsKeysAtAJwksUriAuthenticatesAndRotatesItsKey() throws Exception {
        AtomicReference<String> published = new AtomicReference<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyServer.createContext("/jwks", exchange -> {
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keyServer.start();
        try {
            ClientKeys first = ClientKeys.rsa("uri-1");
            ClientKeys second = ClientKeys.ec("uri-2");
            published.set(Http.JSON.writeValueAsString(first.publicJwks()));
            OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read");
            fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt",
                    "jwks_uri", "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks"));
            String tokenEndpoint = fx.issuer + "/oauth/token";

            var withFirst = fx.post("/oauth/token", null, assertionForm(fx.clientId,
                    first.sign(ClientKeys.claims(fx.clientId, tokenEndpoint).build()), "grant_type", "client_credentials"));
            assertThat(withFirst.status()).as(withFirst.toString()).isEqualTo(200);

            // the client rotates: its new kid is not in the cached document, so the document is fetched again
            published.set(Http.JSON.writeValueAsString(second.publicJwks()));
            var withSecond = fx.post("/oauth/token", null, assertionForm(fx.clientId,
                    second.sign(ClientKeys.claims(fx.clientId, tokenEndpoint).build()), "grant_type", "client_credentials"));
            assertThat(withSecond.status()).as(withSecond.toString()).isEqualTo(200);

            status.set(500);
            var unknownKid = fx.post("/oauth/token", null, assertionForm(fx.clientId, first.sign(JWSAlgorithm.RS256, "uri-3",
                    ClientKeys.claims(fx.clientId, tokenEndpoint).build()), "grant_type", "client_credentials"));
            assertRefused(unknownKid, "the client's jwks_uri answered HTTP 500");
        } finally {
            keyServer.stop(0);
        }
    }

    @Test
    void failedAssertionsCountInTheFailureThrottleLikeWrongSecrets() {
        try (TestServer strict = TestServer.start(Backend.SQLITE, Map.of("TESSERA_AUTH_FAILURES_PER_SOURCE", "3"))) {
            OAuthFixture fx = new OAuthFixture(strict, "https://api.example.com", "read");
            ClientKeys keys = ClientKeys.rsa("e2e-throttle");
            fx.client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
            for (int i = 0; i < 3; i++) {
                String wrongAudience = keys.sign(ClientKeys.claims(fx.clientId, "https://elsewhere.example.com").build());
                assertRefused(fx.post("/oauth/token", null, assertionForm(fx.clientId, wrongAudience, "grant_type",
                        "client_credentials")), "client_assertion's aud");
            }
            var good = fx.post("/oauth/token", null, assertionForm(fx.clientId, keys.sign(ClientKeys.claims(fx.clientId,
                    fx.issuer).build()), "grant_type", "client_credentials"));
            assertThat(good.status()).as(good.toString()).isEqualTo(429);
            assertThat(good.text("error")).isEqualTo("slow_down");
        }
    }

    private static void assertRefused(Http.Response r, String descriptionStart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.text("error")).isEqualTo("invalid_client");
        assertThat(r.text("error_description")).as(r.toString()).startsWith(descriptionStart);
    }

    /** A form with the assertion and, when given, client_id, plus extra pairs. */
    static String assertionForm(String clientId, String assertion, String... extra) {
        List<String> pairs = new java.util.ArrayList<>(List.of(extra));
        pairs.addAll(List.of("client_assertion_type", JWT_BEARER, "client_assertion", assertion));
        if (clientId != null) {
            pairs.addAll(List.of("client_id", clientId));
        }
        return form(pairs.toArray(String[]::new));
    }
}
