package dev.tessera.keys;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Tx;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing keys in the database: the public key in the clear, the private key encrypted with
 * AES-256-GCM under a key derived from the master key, bound to its auth server and kid. Every
 * row is published in JWKS; the lifecycle ({@link KeyLifecycle}) moves rows between states and
 * deletes them when they are removed.
 */
public final class SigningKeyStore {
    static final String COLUMNS = "kid, alg, public_key, private_key, created_at, state, activates_at, retires_at, removes_at";

    private final Jdbc jdbc;
    private final KeyPairs keyPairs;
    private volatile KeyEncryption encryption;
    private final Clock clock;

    public SigningKeyStore(Jdbc jdbc, KeyPairs keyPairs, KeyEncryption encryption) {
        this(jdbc, keyPairs, encryption, Clock.systemUTC());
    }

    public SigningKeyStore(Jdbc jdbc, KeyPairs keyPairs, KeyEncryption encryption, Clock clock) {
        this.jdbc = jdbc;
        this.keyPairs = keyPairs;
        this.encryption = encryption;
        this.clock = clock;
    }

    long nowMicros() {
        return Math.multiplyExact(clock.millis(), 1000L);
    }

    Jdbc jdbc() {
        return jdbc;
    }

    public KeyPairs keyPairs() {
        return keyPairs;
    }

    /** A key pair generated outside any transaction (RSA generation takes tens of milliseconds). */
    public SigningKey generate(KeyAlgorithm alg) {
        return keyPairs.generateSigningKey(alg, nowMicros());
    }

    /** An RS256 key. */
    public SigningKey generate() {
        return generate(KeyAlgorithm.RS256);
    }

    /** Inserts the first key of a new auth server, active from now. */
    public void insertActive(Tx tx, UUID authServerId, SigningKey key) {
        insert(tx, authServerId, key, KeyState.ACTIVE, nowMicros(), "");
    }

    /** Inserts a key; {@code onConflict} may be {@code " ON CONFLICT DO NOTHING"}. Returns the rows inserted. */
    int insert(Tx tx, UUID authServerId, SigningKey key, KeyState state, long activatesAt, String onConflict) {
        // Keys are stored rarely: encrypt under the newest master key, even one rotated in since start-up.
        KeyEncryption fresh = reloader.get();
        if (fresh != null) {
            encryption = fresh;
        }
        String encrypted = encryption.encrypt(KeyPairs.encodePrivate(key.privateKey()),
                KeyEncryption.signingKeyContext(authServerId.toString(), key.kid()));
        return tx.update("INSERT INTO signing_keys (auth_server_id, kid, alg, public_key, private_key, created_at, state, "
                        + "activates_at, retires_at, removes_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)" + onConflict,
                authServerId.toString(), key.kid(), key.alg().joseName(),
                Base64.getEncoder().encodeToString(KeyPairs.encodePublic(key.publicKey())), encrypted,
                key.createdAtMicros(), state.wire(), activatesAt);
    }

    /**
     * The published keys, after creating an active one if there is none (an auth server created
     * before keys existed gets one on first use). Several nodes may get here at once: the database
     * keeps at most one active key per auth server, so every node but one inserts nothing and
     * reads the winner's key.
     */
    public List<StoredKey> publishedWithActive(UUID authServerId, KeyAlgorithm alg) {
        List<StoredKey> stored = published(authServerId);
        if (stored.stream().anyMatch(StoredKey::active)) {
            return stored;
        }
        SigningKey fresh = generate(alg);
        beforeLazyInsert.run();
        jdbc.execute(tx -> insert(tx, authServerId, fresh, KeyState.ACTIVE, nowMicros(), " ON CONFLICT DO NOTHING"));
        return published(authServerId); // ours, or the key of the node that got there first
    }

    /** {@link #publishedWithActive(UUID, KeyAlgorithm)} with RS256. */
    public List<StoredKey> publishedWithActive(UUID authServerId) {
        return publishedWithActive(authServerId, KeyAlgorithm.RS256);
    }

    /** A seam for tests: runs after a node found no active key and before it inserts its own. */
    volatile Runnable beforeLazyInsert = () -> { };

    /** Every key of the auth server, decrypted: the active one first, then next, then retired, newest first. */
    public List<StoredKey> published(UUID authServerId) {
        try {
            return readPublished(authServerId);
        } catch (KeyDecryptionException e) {
            // The master key may have been rotated since start-up: read the key file again, once.
            KeyEncryption fresh = reloader.get();
            if (fresh == null) {
                throw e;
            }
            encryption = fresh;
            return readPublished(authServerId);
        }
    }

    /** Reads the master keys again (key file mode), or returns null; set by the composition root. */
    public volatile java.util.function.Supplier<KeyEncryption> reloader = () -> null;

    private List<StoredKey> readPublished(UUID authServerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM signing_keys WHERE auth_server_id = ? "
                        + "ORDER BY CASE state WHEN 'active' THEN 0 WHEN 'next' THEN 1 ELSE 2 END, created_at DESC, kid",
                rs -> {
                    String kid = rs.getString(1);
                    KeyAlgorithm alg = KeyAlgorithm.fromJoseName(rs.getString(2));
                    byte[] privateKey = encryption.decrypt(rs.getString(4),
                            KeyEncryption.signingKeyContext(authServerId.toString(), kid));
                    SigningKey key = keyPairs.load(kid, alg, Base64.getDecoder().decode(rs.getString(3)), privateKey,
                            rs.getLong(5));
                    return new StoredKey(key, KeyState.fromWire(rs.getString(6)));
                }, authServerId.toString());
    }

    /**
     * The keys as the management API lists them, latest in the lifecycle first (next, active,
     * retired), by when each signs; nothing is decrypted. Creation times alone can tie (keys made
     * in one request, or by one clock reading), so the order would then fall to the random kid.
     */
    public List<KeyInfo> list(UUID authServerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM signing_keys WHERE auth_server_id = ? "
                        + "ORDER BY COALESCE(activates_at, created_at) DESC, created_at DESC, kid",
                this::info, authServerId.toString());
    }

    public Optional<KeyInfo> find(UUID authServerId, String kid) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM signing_keys WHERE auth_server_id = ? AND kid = ?",
                this::info, authServerId.toString(), kid);
    }

    private KeyInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
        KeyAlgorithm alg = KeyAlgorithm.fromJoseName(rs.getString(2));
        PublicKey pub = keyPairs.loadPublic(alg.family(), Base64.getDecoder().decode(rs.getString(3)));
        long retires = rs.getLong(8);
        Long retiresAt = rs.wasNull() ? null : retires;
        long removes = rs.getLong(9);
        Long removesAt = rs.wasNull() ? null : removes;
        return new KeyInfo(rs.getString(1), alg, KeyState.fromWire(rs.getString(6)), rs.getLong(5), rs.getLong(7),
                retiresAt, removesAt, PublicJwks.of(rs.getString(1), alg, pub));
    }

    /** Encrypts with another key from now on (master-key rotation: after every row was re-encrypted). */
    public void useEncryption(KeyEncryption next) {
        this.encryption = next;
    }
}
