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
        insert(tx, authServerId, key, "");
    }

    /** Inserts the key as active unless the auth server already has an active key (index signing_keys_one_active). */
    private void insertActiveUnlessPresent(Tx tx, UUID authServerId, SigningKey key) {
        insert(tx, authServerId, key, " ON CONFLICT DO NOTHING");
    }

    private void insert(Tx tx, UUID authServerId, SigningKey key, String onConflict) {
        String encrypted = encryption.encrypt(RsaKeyPairs.encodePrivate(key.privateKey()),
                KeyEncryption.signingKeyContext(authServerId.toString(), key.kid()));
        tx.update("INSERT INTO signing_keys (auth_server_id, kid, public_key, private_key, created_at, active, retire_after) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)" + onConflict, authServerId.toString(), key.kid(),
                Base64.getEncoder().encodeToString(RsaKeyPairs.encodePublic(key.publicKey())), encrypted,
                key.createdAtMicros(), true, null);
    }

    /**
     * The published keys, after creating an active one if there is none (an auth server created
     * before keys existed gets one on first use). Several nodes may get here at once: the database
     * keeps at most one active key per auth server, so every node but one inserts nothing and
     * reads the winner's key.
     */
    public List<StoredKey> publishedWithActive(UUID authServerId) {
        List<StoredKey> stored = published(authServerId);
        if (stored.stream().anyMatch(StoredKey::active)) {
            return stored;
        }
        SigningKey fresh = generate();
        beforeLazyInsert.run();
        jdbc.execute(tx -> insertActiveUnlessPresent(tx, authServerId, fresh));
        return published(authServerId); // ours, or the key of the node that got there first
    }

    /** A seam for tests: runs after a node found no active key and before it inserts its own. */
    volatile Runnable beforeLazyInsert = () -> { };

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
