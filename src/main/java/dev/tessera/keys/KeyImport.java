package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a key brought by an operator (a private JWK, or PEM) into a {@link SigningKey}, or refuses
 * it naming the field: malformed, public only, RSA under 2048 bits, or of another type than the
 * algorithm needs. The halves must belong together: a test signature made with the private half
 * must verify with the public one. Never echoes key material in a message.
 */
public final class KeyImport {
    /** A kid is published in every token header: printable, short, no surprises. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** Enough for an RSA-16384 private JWK or PEM; anything longer is not a key. */
    public static final int MAX_INPUT_CHARS = 32 * 1024;

    static final int MAX_RSA_BITS = 4096;

    private final KeyPairs keyPairs;

    public KeyImport(KeyPairs keyPairs) {
        this.keyPairs = Objects.requireNonNull(keyPairs, "keyPairs");
    }

    /**
     * A private JWK (as JSON text). Its {@code alg}, when present, must equal {@code alg} if one
     * was asked for; otherwise it decides, and without either the key type's default applies
     * ({@code fallback} when it fits the key, else RS256, ES256, ES384 or EdDSA by type).
     */
    public SigningKey fromJwk(String json, KeyAlgorithm requested, KeyAlgorithm fallback, long createdAtMicros) {
        if (json.length() > MAX_INPUT_CHARS) {
            throw new KeyImportException("jwk", "is too long to be a key");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new KeyImportException("jwk", "is not a valid JWK (RFC 7517)");
        }
        if (!jwk.isPrivate()) {
            throw new KeyImportException("jwk", "must be a private key (it has no \"d\"); Tessera signs with it");
        }
        if (jwk.getKeyUse() != null && !"sig".equals(jwk.getKeyUse().identifier())) {
            throw new KeyImportException("jwk", "has use \"" + jwk.getKeyUse().identifier() + "\"; a signing key needs use \"sig\" or none");
        }
        KeyAlgorithm jwkAlg = null;
        if (jwk.getAlgorithm() != null) {
            jwkAlg = KeyAlgorithm.lookup(jwk.getAlgorithm().getName());
            if (jwkAlg == null) {
                throw new KeyImportException("jwk", "has alg \"" + jwk.getAlgorithm().getName() + "\", which Tessera does not sign with ("
                        + String.join(" ", KeyAlgorithm.NAMES) + ")");
            }
            if (requested != null && requested != jwkAlg) {
                throw new KeyImportException("alg", "is " + requested.joseName() + " but the JWK says " + jwkAlg.joseName());
            }
        }
        String kid = jwk.getKeyID() == null ? UUID.randomUUID().toString() : jwk.getKeyID();
        if (!KID.matcher(kid).matches()) {
            throw new KeyImportException("jwk", "has a kid that is not 1 to 128 characters of A-Z a-z 0-9 . _ ~ -");
        }
        try {
            KeyFamily family;
            PublicKey pub;
            PrivateKey priv;
            if (jwk instanceof RSAKey rsa) {
                family = KeyFamily.RSA;
                pub = rsa.toRSAPublicKey();
                priv = rsa.toRSAPrivateKey();
            } else if (jwk instanceof ECKey ec) {
                family = ec.getCurve().equals(Curve.P_256) ? KeyFamily.EC_P256
                        : ec.getCurve().equals(Curve.P_384) ? KeyFamily.EC_P384 : null;
                if (family == null) {
                    throw new KeyImportException("jwk", "is an EC key on " + ec.getCurve() + "; Tessera signs with P-256 (ES256) or P-384 (ES384)");
                }
                pub = ec.toECPublicKey();
                priv = ec.toECPrivateKey();
            } else if (jwk instanceof OctetKeyPair okp) {
                if (!Curve.Ed25519.equals(okp.getCurve())) {
                    throw new KeyImportException("jwk", "is an OKP key on " + okp.getCurve() + "; Tessera signs with Ed25519 (EdDSA)");
                }
                family = KeyFamily.ED25519;
                pub = keyPairs.loadPublic(family, concat(ED25519_X509_PREFIX, okp.getX().decode()));
                priv = keyPairs.loadPrivate(family, concat(ED25519_PKCS8_PREFIX, okp.getD().decode()));
            } else {
                throw new KeyImportException("jwk", "has kty \"" + jwk.getKeyType() + "\"; Tessera signs with RSA, EC or OKP (Ed25519) keys");
            }
            KeyAlgorithm alg = choose(family, jwkAlg != null ? jwkAlg : requested, fallback, jwkAlg != null ? "jwk" : "alg");
            return build(kid, alg, pub, priv, createdAtMicros, "jwk");
        } catch (JOSEException | IllegalArgumentException e) {
            throw new KeyImportException("jwk", "holds key parameters that do not form a valid key");
        }
    }

    /**
     * PEM text with a PKCS#8 {@code PRIVATE KEY} block; EC and Ed25519 keys also need their
     * {@code PUBLIC KEY} block (the JDK cannot derive it), RSA keys may have one.
     */
    public SigningKey fromPem(String pem, KeyAlgorithm requested, KeyAlgorithm fallback, long createdAtMicros) {
        if (pem.length() > MAX_INPUT_CHARS) {
            throw new KeyImportException("pem", "is too long to be a key");
        }
        byte[] pkcs8 = null;
        byte[] x509 = null;
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new KeyImportException("pem", "has a " + m.group(1) + " block that is not valid base64");
            }
            switch (m.group(1)) {
                case "PRIVATE KEY" -> pkcs8 = der;
                case "PUBLIC KEY" -> x509 = der;
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new KeyImportException("pem", "holds a " + m.group(1)
                        + " block; convert it to PKCS#8 first: openssl pkcs8 -topk8 -nocrypt -in key.pem");
                case "ENCRYPTED PRIVATE KEY" -> throw new KeyImportException("pem", "is encrypted; decrypt it first: "
                        + "openssl pkcs8 -topk8 -nocrypt -in key.pem");
                default -> throw new KeyImportException("pem", "holds a " + m.group(1) + " block; expected PRIVATE KEY (and PUBLIC KEY)");
            }
        }
        if (pkcs8 == null) {
            throw new KeyImportException("pem", "has no -----BEGIN PRIVATE KEY----- block (PKCS#8)");
        }
        KeyFamily family = familyOf(pkcs8);
        PrivateKey priv = keyPairs.loadPrivate(family, pkcs8);
        PublicKey pub;
        try {
            if (x509 != null) {
                pub = keyPairs.loadPublic(family, x509);
            } else if (family == KeyFamily.RSA && priv instanceof RSAPrivateCrtKey crt) {
                RSAPublicKey derived = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                pub = keyPairs.loadPublic(family, derived.getEncoded());
            } else {
                throw new KeyImportException("pem", "holds a " + family.jcaName() + " private key without its PUBLIC KEY block; "
                        + "append it: openssl pkey -in key.pem -pubout");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyImportException("pem", "holds a PUBLIC KEY block that is not a valid " + family.jcaName() + " key");
        }
        KeyAlgorithm alg = choose(family, requested, fallback, "alg");
        return build(UUID.randomUUID().toString(), alg, pub, priv, createdAtMicros, "pem");
    }

    private static KeyFamily familyOf(byte[] pkcs8) {
        for (String name : new String[]{"RSA", "EC", "Ed25519"}) {
            try {
                PrivateKey k = KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                if (k instanceof ECPrivateKey ec) {
                    int bits = ec.getParams().getCurve().getField().getFieldSize();
                    return switch (bits) {
                        case 256 -> KeyFamily.EC_P256;
                        case 384 -> KeyFamily.EC_P384;
                        default -> throw new KeyImportException("pem", "is an EC key of " + bits
                                + " bits; Tessera signs with P-256 (ES256) or P-384 (ES384)");
                    };
                }
                return name.equals("RSA") ? KeyFamily.RSA : KeyFamily.ED25519;
            } catch (GeneralSecurityException | RuntimeException e) {
                if (e instanceof KeyImportException k) {
                    throw k;
                }
                // not this type; try the next
            }
        }
        throw new KeyImportException("pem", "holds a PRIVATE KEY block that is not an RSA, EC or Ed25519 key");
    }

    /** The algorithm for a key of this family: the one asked for (which must fit), else the fallback if it fits, else the family's own. */
    private static KeyAlgorithm choose(KeyFamily family, KeyAlgorithm asked, KeyAlgorithm fallback, String field) {
        if (asked != null) {
            if (asked.family() != family) {
                throw new KeyImportException(field, asked.joseName() + " needs " + describe(asked.family())
                        + " key, and this is " + describe(family) + " key");
            }
            return asked;
        }
        if (fallback != null && fallback.family() == family) {
            return fallback;
        }
        return switch (family) {
            case RSA -> KeyAlgorithm.RS256;
            case EC_P256 -> KeyAlgorithm.ES256;
            case EC_P384 -> KeyAlgorithm.ES384;
            case ED25519 -> KeyAlgorithm.EdDSA;
        };
    }

    private static String describe(KeyFamily f) {
        return switch (f) {
            case RSA -> "an RSA";
            case EC_P256 -> "an EC P-256";
            case EC_P384 -> "an EC P-384";
            case ED25519 -> "an Ed25519";
        };
    }

    private SigningKey build(String kid, KeyAlgorithm alg, PublicKey pub, PrivateKey priv, long createdAt, String field) {
        // Through the provider, as generated keys are: the same fast signing path.
        PublicKey providerPub = keyPairs.loadPublic(alg.family(), KeyPairs.encodePublic(pub));
        PrivateKey providerPriv = keyPairs.loadPrivate(alg.family(), KeyPairs.encodePrivate(priv));
        SigningKey key;
        try {
            key = new SigningKey(kid, alg, providerPub, providerPriv, createdAt);
        } catch (IllegalArgumentException e) {
            throw new KeyImportException(field, "holds a private and a public key that do not belong together");
        }
        if (alg.family() == KeyFamily.RSA && key.bits() < KeyPairs.KEY_BITS) {
            throw new KeyImportException(field, "is an RSA key of " + key.bits() + " bits; at least " + KeyPairs.KEY_BITS + " are required");
        }
        // Tokens must stay within what introspection reads (TokenSize assumes signatures up to RSA-4096).
        if (alg.family() == KeyFamily.RSA && key.bits() > MAX_RSA_BITS) {
            throw new KeyImportException(field, "is an RSA key of " + key.bits() + " bits; at most " + MAX_RSA_BITS + " are accepted");
        }
        if (!halvesMatch(key)) {
            throw new KeyImportException(field, "holds a private and a public key that do not belong together");
        }
        return key;
    }

    /** A signature by the private half that the public half verifies. */
    private static boolean halvesMatch(SigningKey key) {
        String name = switch (key.alg().family()) {
            case RSA -> "SHA256withRSA";
            case EC_P256, EC_P384 -> "SHA256withECDSA";
            case ED25519 -> "Ed25519";
        };
        try {
            byte[] probe = "tessera key import check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(name);
            signer.initSign(key.privateKey());
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(name);
            verifier.initVerify(key.publicKey());
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
