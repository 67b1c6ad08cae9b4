package dev.tessera.oauth.clientauth;

import dev.tessera.crypto.SecretHasher;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;

import java.util.Optional;

/**
 * Client authentication at the token, introspection and revocation endpoints:
 * {@code client_secret_basic} or {@code client_secret_post} (RFC 6749 §2.3.1), against any of
 * the client's enabled secrets. Every failure is the same 401 {@code invalid_client}; why it
 * failed goes only to the log.
 */
public final class ClientAuthenticator {
    private static final String FAILED = "client authentication failed";

    private final SecretHasher hasher;
    private final String dummyHash;

    public ClientAuthenticator(SecretHasher hasher) {
        this.hasher = hasher;
        this.dummyHash = hasher.hashGenerated("tessera-dummy-secret");
    }

    public ClientEntry authenticate(AuthServerConfig config, FormRequest form) {
        Optional<FormRequest.BasicCredentials> basic = form.basic();
        Optional<String> postId = form.get("client_id");
        Optional<String> postSecret = form.get("client_secret");
        boolean usedBasic = basic.isPresent();
        String id;
        String secret;
        if (basic.isPresent()) {
            if (postSecret.isPresent()) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "use only one client authentication method");
            }
            id = basic.get().clientId();
            secret = basic.get().secret();
            if (postId.isPresent() && !postId.get().equals(id)) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id does not match the authenticated client");
            }
        } else if (postSecret.isPresent() && postId.isPresent()) {
            id = postId.get();
            secret = postSecret.get();
        } else {
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, "no client credentials", false);
        }
        ClientEntry entry = config.clients().get(id);
        if (entry == null) {
            hasher.matches(secret, dummyHash); // spend the same time as for a known client
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, "unknown client " + id, usedBasic);
        }
        if ("none".equals(entry.client().tokenEndpointAuthMethod())) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, "public client " + id + " sent a secret", usedBasic);
        }
        boolean ok = false;
        for (String hash : entry.secretHashes()) {
            ok |= hasher.matches(secret, hash);
        }
        if (!ok) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, "wrong or disabled secret for client " + id, usedBasic);
        }
        return entry;
    }
}
