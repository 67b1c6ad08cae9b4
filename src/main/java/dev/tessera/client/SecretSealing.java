package dev.tessera.client;

import dev.tessera.keys.KeyEncryption;

import java.util.UUID;

/**
 * Keeps the secrets of {@code client_secret_jwt} clients encrypted at rest. Their assertions are
 * HMACs keyed by the secret itself (RFC 7523 §2.2, RFC 7518 §3.2), which the stored hash cannot
 * give back; so for those clients only, the secret is also stored encrypted with AES-256-GCM under
 * a key derived from the master key, bound to its own row (auth server, client, secret id): a blob
 * copied into another row does not decrypt.
 */
public final class SecretSealing {
    private final KeyEncryption encryption;

    public SecretSealing(KeyEncryption encryption) {
        this.encryption = encryption;
    }

    public String seal(UUID authServerId, String clientId, UUID secretId, String secret) {
        return encryption.encryptString(secret, context(authServerId, clientId, secretId));
    }

    /** The secret of a sealed row. */
    public String open(ClientSecret s) {
        return encryption.decryptString(s.sealed(), context(s.authServerId(), s.clientId(), s.id()));
    }

    private static String context(UUID authServerId, String clientId, UUID secretId) {
        // the length prefix keeps ("a:b", "c") and ("a", "b:c") apart
        return "client-secret:" + authServerId + ":" + clientId.length() + ":" + clientId + ":" + secretId;
    }
}
