package dev.tessera.authserver;

import java.util.Arrays;
import java.util.List;

/**
 * The JWS algorithms an auth server can sign with: RSA (RS*, PS*), ECDSA (ES256 on P-256, ES384 on
 * P-384) and EdDSA (Ed25519). Each signing key is of one algorithm; changing an auth server's
 * algorithm rotates to a key of the new one.
 */
public enum SigningAlgorithm {
    RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, EdDSA;

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();
}
