package dev.tessera.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's own key pair for {@code private_key_jwt} tests, and client assertions (RFC 7523 §2.2)
 * built by hand, so that tests can sign exactly the claims they want to see refused. Keys are
 * generated once per kid per test run: RSA key generation is slow on a shared machine.
 */
public final class ClientKeys {
    private static final Map<String, JWK> GENERATED = new ConcurrentHashMap<>();
    private static final Map<String, PrivateKey> ED25519_PRIVATE = new ConcurrentHashMap<>();

    private final JWK key;

    private ClientKeys(JWK key) {
        this.key = key;
    }

    /** An Ed25519 key made with the JDK (Nimbus's own Ed25519 support needs Tink). */
    public static ClientKeys ed25519(String kid) {
        return new ClientKeys(GENERATED.computeIfAbsent("ed:" + kid, k -> {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] pkcs8 = pair.getPrivate().getEncoded();
                ED25519_PRIVATE.put(kid, pair.getPrivate());
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                        .d(Base64URL.encode(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length))).keyID(kid).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    public static ClientKeys rsa(String kid) {
        return new ClientKeys(GENERATED.computeIfAbsent("rsa:" + kid, k -> {
            try {
                return new RSAKeyGenerator(2048).keyID(kid).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    public static ClientKeys ec(String kid) {
        return new ClientKeys(GENERATED.computeIfAbsent("ec:" + kid, k -> {
            try {
                return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    public JWK privateJwk() {
        return key;
    }

    public String kid() {
        return key.getKeyID();
    }

    /** {@code {"keys": [public key]}} as a map, for a client's {@code jwks} field. */
    public Map<String, Object> publicJwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** The same with the private parts, as a careless operator might paste it. */
    public Map<String, Object> privateJwks() {
        return new JWKSet(key).toJSONObject(false);
    }

    /** Claims a well-behaved client sends: iss = sub = client id, a fresh jti, iat now, exp in a minute. */
    public static JWTClaimsSet.Builder claims(String clientId, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    public String sign(JWTClaimsSet claims) {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
        return sign(alg, key.getKeyID(), claims);
    }

    public String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        if (key instanceof OctetKeyPair) {
            return signEd25519(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        }
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            return signed(signer, new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code client_secret_jwt} assertion: an HMAC keyed by the client secret. */
    public static String hmac(String secret, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            return signed(new MACSigner(secret), new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signEd25519(JWSHeader header, JWTClaimsSet claims) {
        try {
            Base64URL h = header.toBase64URL();
            Base64URL p = Base64URL.encode(claims.toString());
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(ED25519_PRIVATE.get(key.getKeyID()));
            signature.update((h + "." + p).getBytes(StandardCharsets.US_ASCII));
            return h + "." + p + "." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
