package dev.tessera.keys;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signing keys in the database: the public key in the clear, the private key encrypted with
 * AES-256-GCM under a key derived from the master key, bound to its auth server and kid.
 */
public final class SigningKeyStore {
    private final Jdbc jdbc;
    private final RsaKeyPairs keyPairs;
    private final KeyEncryption encryption;

    public SigningKeyStore(Jdbc jdbc, RsaKeyPairs keyPairs, KeyEncryption encryption) {
        this.jdbc = jdbc;
        this.keyPairs = keyPairs;
        this.encryption = encryption;
    }

    /** A key pair generated outside any transaction (RSA generation takes tens of milliseconds). */
    public SigningKey generate() {
        return keyPairs.generateSigningKey(Timestamps.nowMicros());
    }

    public void insertActive(Tx tx, UUID authServerId, SigningKey key) {
        String encrypted = encryption.encrypt(RsaKeyPairs.encodePrivate(key.privateKey()),
                KeyEncryption.signingKeyContext(authServerId.toString(), key.kid()));
        tx.update("INSERT INTO signing_keys (auth_server_id, kid, public_key, private_key, created_at, active, retire_after) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", authServerId.toString(), key.kid(),
                Base64.getEncoder().encodeToString(RsaKeyPairs.encodePublic(key.publicKey())), encrypted,
                key.createdAtMicros(), true, null);
    }

    /** A key as stored, decrypted; {@code active} signs new tokens, the others only verify. */
    public record StoredKey(SigningKey key, boolean active) {
    }

    /** The keys to publish: the active one first, then retired ones still within their grace period. */
    public List<StoredKey> published(UUID authServerId) {
        long now = Timestamps.nowMicros();
        return jdbc.query("SELECT kid, public_key, private_key, created_at, active FROM signing_keys "
                        + "WHERE auth_server_id = ? AND (active = ? OR retire_after > ?) ORDER BY active DESC, created_at DESC",
                rs -> {
                    String kid = rs.getString(1);
                    byte[] privateKey = encryption.decrypt(rs.getString(3),
                            KeyEncryption.signingKeyContext(authServerId.toString(), kid));
                    SigningKey key = keyPairs.load(kid, Base64.getDecoder().decode(rs.getString(2)), privateKey, rs.getLong(4));
                    return new StoredKey(key, rs.getBoolean(5));
                }, authServerId.toString(), true, now);
    }
}
