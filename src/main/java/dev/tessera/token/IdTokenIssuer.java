package dev.tessera.token;

import dev.tessera.keys.TokenSigner;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ID tokens — OpenID Connect Core §2 and §3.1.3.6 (§3.2.2.10 for implicit): {@code iss sub aud azp
 * exp iat auth_time nonce}, {@code at_hash} when an access token goes with it and {@code c_hash}
 * when a code does, then the user claims the login application gave. Signed with the auth
 * server's active key and algorithm; lifetime is the client's {@code id_token_duration}.
 */
public final class IdTokenIssuer {
    /** Claims the login application may not set: they are the token's own. */
    public static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "azp", "exp", "iat", "nbf", "jti",
            "auth_time", "nonce", "at_hash", "c_hash", "acr", "amr", "client_id", "scope", "sid");

    private final TokenSigner signer;

    public IdTokenIssuer(TokenSigner signer) {
        this.signer = signer;
    }

    /** What the user's sign-in established, as the login application reported it. */
    public record SignIn(String subject, Long authTime, String acr, List<String> amr, Map<String, Object> claims,
                         String nonce) {
    }

    /**
     * @param accessToken the access token issued with it, or null
     * @param code        the authorization code issued with it (hybrid-style responses), or null
     */
    public String issue(AuthServerConfig server, ClientEntry client, SignIn signIn, String accessToken, String code) {
        long now = System.currentTimeMillis() / 1000;
        // The active key's own algorithm: the configured one runs ahead of it during a rotation to a new type.
        String alg = server.activeKey().alg().joseName();
        Map<String, Object> claims = new LinkedHashMap<>(signIn.claims() == null ? Map.of() : signIn.claims());
        RESERVED.forEach(claims::remove);
        claims.put("iss", server.issuer());
        claims.put("sub", signIn.subject());
        claims.put("aud", client.client().id());
        claims.put("azp", client.client().id());
        claims.put("iat", now);
        claims.put("exp", now + client.client().idTokenDuration());
        if (signIn.authTime() != null) {
            claims.put("auth_time", signIn.authTime());
        }
        if (signIn.nonce() != null) {
            claims.put("nonce", signIn.nonce());
        }
        if (signIn.acr() != null) {
            claims.put("acr", signIn.acr());
        }
        if (signIn.amr() != null && !signIn.amr().isEmpty()) {
            claims.put("amr", signIn.amr());
        }
        if (accessToken != null) {
            claims.put("at_hash", leftHalfHash(alg, accessToken));
        }
        if (code != null) {
            claims.put("c_hash", leftHalfHash(alg, code));
        }
        try {
            return signer.sign(server.activeKey(), alg, TokenSigner.TYP_JWT, claims);
        } catch (IllegalArgumentException e) {
            throw new TokenRefusedException("the ID token could not be signed: " + e.getMessage());
        }
    }

    /**
     * OIDC Core §3.1.3.6: base64url of the left-most half of the hash of the ASCII value, with the
     * hash of the signing algorithm (SHA-256 for RS256/PS256/ES256, SHA-384 and SHA-512 likewise).
     */
    static String leftHalfHash(String alg, String value) {
        // EdDSA with Ed25519 hashes with SHA-512 (OIDC Core errata set 2, §3.1.3.6).
        String bits = "EdDSA".equals(alg) ? "512" : alg.length() >= 5 ? alg.substring(alg.length() - 3) : "256";
        String digest = switch (bits) {
            case "384" -> "SHA-384";
            case "512" -> "SHA-512";
            default -> "SHA-256"; // RS256, PS256, ES256
        };
        try {
            byte[] hash = MessageDigest.getInstance(digest).digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
