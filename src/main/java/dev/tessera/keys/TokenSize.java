package dev.tessera.keys;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How long a signed token gets, so that Tessera never issues a token that {@link TokenVerifier}
 * refuses to read (it reads at most {@value TokenVerifier#MAX_TOKEN_LENGTH} characters).
 */
public final class TokenSize {
    public static final int MAX = TokenVerifier.MAX_TOKEN_LENGTH;

    /**
     * The header, two dots and signature of the largest token Tessera signs: a header with the
     * longest typ and alg and the longest kid an imported key may have, 128 characters (167 bytes,
     * 223 characters base64url, rounded up), and an RSA-4096 signature (683 characters; imported
     * RSA keys are at most 4096 bits, ES384 and EdDSA signatures are shorter).
     */
    private static final int FRAME = 224 + 2 + 683;

    private TokenSize() {
    }

    /** The length of a signed token with these claims, at most: the payload exactly, the frame at its largest. */
    public static int upperBound(Map<String, Object> claims) {
        int bytes = JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8).length;
        return FRAME + (bytes * 4 + 2) / 3;
    }
}
