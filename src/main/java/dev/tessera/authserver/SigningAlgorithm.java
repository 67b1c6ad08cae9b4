package dev.tessera.authserver;

import java.util.Arrays;
import java.util.List;

/** The JWS algorithms an auth server can sign with; all use its RSA key. */
public enum SigningAlgorithm {
    RS256, RS384, RS512, PS256, PS384, PS512;

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();
}
