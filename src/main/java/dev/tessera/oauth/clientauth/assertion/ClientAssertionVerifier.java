package dev.tessera.oauth.clientauth.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.client.Client;
import dev.tessera.client.ClientJwks;
import dev.tessera.client.ClientSecret;
import dev.tessera.client.SecretSealing;
import dev.tessera.config.ClientAssertionSettings;
import dev.tessera.keys.KeyDecryptionException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Checks a client assertion — RFC 7523 §2.2 and §3 — for {@code client_secret_jwt} (HMAC with
 * the client's secret) and {@code private_key_jwt} (signature by a key the client registered as
 * {@code jwks} or publishes at {@code jwks_uri}). Cheap checks come first and the {@code jti} is
 * recorded last, only for an assertion that passed everything else: a refused assertion leaves
 * nothing behind.
 */
public final class ClientAssertionVerifier {
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final List<JWSAlgorithm> HMAC_ALGS = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    public static final List<JWSAlgorithm> KEY_ALGS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    static final int MAX_ASSERTION_CHARS = 8 * 1024;
    static final int MAX_JTI_CHARS = 256;

    /** Why an assertion was refused; {@code getMessage()} is the description sent to the client. */
    public static final class Refused extends Exception {
        public enum Kind { INVALID, REPLAYED, KEYS_UNAVAILABLE }

        private final Kind kind;

        Refused(Kind kind, String description) {
            super(description, null, false, false);
            this.kind = kind;
        }

        Refused(String description) {
            this(Kind.INVALID, description);
        }

        public Kind kind() {
            return kind;
        }
    }

    /** An assertion parsed (not yet verified) far enough to name the client it claims to be. */
    public record Parsed(SignedJWT jwt, JWTClaimsSet claims, String clientId) {
    }

    private final ClientAssertionSettings settings;
    private final AssertionJtis jtis;
    private final RemoteJwks remote;
    private final SecretSealing sealing;
    private final Clock clock;

    public ClientAssertionVerifier(ClientAssertionSettings settings, AssertionJtis jtis, RemoteJwks remote,
                                   SecretSealing sealing, Clock clock) {
        this.settings = settings;
        this.jtis = jtis;
        this.remote = remote;
        this.sealing = sealing;
        this.clock = clock;
    }

    /** iss and sub (REQUIRED, both the client id) — RFC 7523 §3 items 1 and 2. */
    public static Parsed parse(String assertion) throws Refused {
        if (assertion.length() > MAX_ASSERTION_CHARS) {
            throw new Refused("client_assertion is longer than " + MAX_ASSERTION_CHARS + " characters");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
        } catch (ParseException e) {
            throw new Refused("client_assertion is not a signed JWT");
        }
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("client_assertion's payload is not a JWT claims set");
        }
        String iss = claims.getIssuer();
        if (iss == null || iss.isEmpty()) {
            throw new Refused("client_assertion has no iss claim (it must be the client id)");
        }
        if (!iss.equals(claims.getSubject())) {
            throw new Refused("client_assertion's iss and sub must both be the client id");
        }
        return new Parsed(jwt, claims, iss);
    }

    /** Verifies the assertion of a client registered for a JWT method, and records its {@code jti}. */
    public void verify(AuthServerConfig config, ClientEntry entry, Parsed a) throws Refused {
        Client client = entry.client();
        String method = client.tokenEndpointAuthMethod();
        JWSAlgorithm alg = a.jwt().getHeader().getAlgorithm();
        boolean hmac = Client.SECRET_JWT.equals(method);
        if (!(hmac ? HMAC_ALGS : KEY_ALGS).contains(alg)) {
            throw new Refused("client_assertion's alg '" + alg + "' is not allowed for " + method + " (allowed: "
                    + String.join(", ", (hmac ? HMAC_ALGS : KEY_ALGS).stream().map(JWSAlgorithm::getName).toList()) + ")");
        }
        JWTClaimsSet claims = a.claims();
        checkAudience(config, claims);
        Instant exp = checkTimes(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_CHARS) {
            throw new Refused("client_assertion needs a jti claim of 1 to " + MAX_JTI_CHARS + " characters");
        }
        boolean verified = hmac ? verifyHmac(entry, a.jwt()) : verifySignature(client, a.jwt());
        if (!verified) {
            throw new Refused("client_assertion's signature does not verify");
        }
        long keepUntil = TimeUnit.MILLISECONDS.toMicros(exp.plus(settings.clockSkew()).toEpochMilli());
        if (!jtis.firstUse(config.server().id(), client.id(), jti, keepUntil)) {
            throw new Refused(Refused.Kind.REPLAYED, "client_assertion has been used before (its jti was seen already)");
        }
    }

    /** aud (REQUIRED) — RFC 7523 §3 item 3: the token endpoint's URL or the issuer. */
    private static void checkAudience(AuthServerConfig config, JWTClaimsSet claims) throws Refused {
        String tokenEndpoint = config.issuer() + "/oauth/token";
        List<String> aud = claims.getAudience();
        if (aud.stream().noneMatch(v -> v.equals(tokenEndpoint) || v.equals(config.issuer()))) {
            throw new Refused("client_assertion's aud must name this auth server: its token endpoint " + tokenEndpoint
                    + " or its issuer " + config.issuer());
        }
    }

    /** exp (REQUIRED, short), nbf and iat (OPTIONAL) — RFC 7523 §3 items 4 to 6, with the allowed clock skew. */
    private Instant checkTimes(JWTClaimsSet claims) throws Refused {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new Refused("client_assertion has no exp claim");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            throw new Refused("client_assertion has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            throw new Refused("client_assertion is not valid yet (nbf is in the future)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
            throw new Refused("client_assertion's iat is in the future");
        }
        Instant from = iat != null ? iat.toInstant() : now;
        if (Duration.between(from, exp.toInstant()).compareTo(settings.maxLifetime().plus(skew)) > 0) {
            throw new Refused("client_assertion lives too long: exp may be at most " + settings.maxLifetime().toSeconds()
                    + " s after " + (iat != null ? "iat" : "now"));
        }
        return exp.toInstant();
    }

    private boolean verifyHmac(ClientEntry entry, SignedJWT jwt) throws Refused {
        boolean ok = false;
        for (ClientSecret s : entry.sealedSecrets()) {
            byte[] key;
            try {
                key = sealing.open(s).getBytes(StandardCharsets.UTF_8);
            } catch (KeyDecryptionException e) {
                continue; // a row that does not decrypt (wrong master key) authenticates nothing
            }
            // every enabled secret is tried, so the time taken does not tell which one matched
            ok |= verifies(jwt, () -> new MACVerifier(key));
        }
        return ok;
    }

    private boolean verifySignature(Client client, SignedJWT jwt) throws Refused {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(jwt.getHeader());
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates;
        if (client.jwks() != null) {
            candidates = new JWKSelector(matcher).select(ClientJwks.stored(client.jwks()));
        } else {
            candidates = new JWKSelector(matcher).select(remoteKeys(client.jwksUri()));
            if (candidates.isEmpty()) {
                // perhaps the client rotated its key since the document was cached
                Optional<JWKSet> again = remoteRefresh(client.jwksUri());
                candidates = again.map(set -> new JWKSelector(matcher).select(set)).orElse(List.of());
            }
        }
        if (candidates.isEmpty()) {
            throw new Refused(kid != null
                    ? "client_assertion's kid '" + printable(kid) + "' names no key registered for this client"
                    : "client_assertion names no kid and no registered key of this client fits alg "
                    + jwt.getHeader().getAlgorithm());
        }
        for (JWK key : candidates) {
            boolean ok = key instanceof OctetKeyPair okp ? Ed25519Verifier.verify(jwt, okp)
                    : verifies(jwt, () -> key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key));
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private JWKSet remoteKeys(String uri) throws Refused {
        try {
            return remote.keys(uri);
        } catch (RemoteJwks.Unavailable e) {
            throw new Refused(Refused.Kind.KEYS_UNAVAILABLE, "the client's jwks_uri " + e.getMessage());
        }
    }

    private Optional<JWKSet> remoteRefresh(String uri) throws Refused {
        try {
            return remote.refreshed(uri);
        } catch (RemoteJwks.Unavailable e) {
            throw new Refused(Refused.Kind.KEYS_UNAVAILABLE, "the client's jwks_uri " + e.getMessage());
        }
    }

    private interface VerifierFactory {
        JWSVerifier create() throws JOSEException;
    }

    private static boolean verifies(SignedJWT jwt, VerifierFactory factory) {
        try {
            return jwt.verify(factory.create());
        } catch (JOSEException e) {
            return false; // a key that cannot verify this alg (too short a secret, wrong curve) does not match
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]|'", "?");
    }
}
