package dev.tessera.keys;

import dev.tessera.crypto.HashKeyWrap;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.store.Jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Re-encrypts every stored private key under a new master key while the previous one still
 * decrypts. Each step can be interrupted ({@code kill -9}) and the command run again:
 *
 * <ol>
 *   <li>key file mode: a new key is generated and the file is replaced atomically by
 *       "new, previous" (a file that already has two lines is a rotation being resumed);</li>
 *   <li>the hash keys of client secrets and admin tokens are stored encrypted under the new key;</li>
 *   <li>each private key not yet under the new key is re-encrypted, one conditional update per row;</li>
 *   <li>the database's check value becomes the new key's;</li>
 *   <li>key file mode: the file is replaced atomically by the new key alone.</li>
 * </ol>
 *
 * At every point, the keys in the file (or the environment) decrypt every row.
 */
public final class MasterKeyRotation {
    /** Where a test may stop the process abruptly: after "file", "wrap", "row" (the first one) or "check". */
    private final Consumer<String> checkpoint;
    private final Jdbc jdbc;
    private final CryptoProvider crypto;

    public MasterKeyRotation(Jdbc jdbc, CryptoProvider crypto, Consumer<String> checkpoint) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.checkpoint = Objects.requireNonNull(checkpoint);
    }

    /** What a rotation did. */
    public record Result(MasterKey current, int reencrypted) {
    }

    /**
     * @param keys the keys as loaded; with a key file and no previous key a new key is generated,
     *             in environment mode the new key must already be current and the old one previous
     */
    public Result rotate(MasterKeys keys) {
        keys.verify(jdbc);
        MasterKeys ring = keys;
        if (ring.previous().isEmpty()) {
            if (ring.file().isEmpty()) {
                throw new IllegalStateException("set TESSERA_MASTER_KEY to the new key and TESSERA_MASTER_KEY_PREVIOUS "
                        + "to the old one (on every node), then run the rotation");
            }
            MasterKey fresh = MasterKey.generate();
            write(ring, List.of(fresh, ring.current()));
            ring = new MasterKeys(fresh, ring.current(), ring.file().get());
            checkpoint.accept("file");
        }
        MasterKey next = ring.current();
        MasterKey old = ring.previous().orElseThrow();

        MasterKeys.HashKeys hashKeys = ring.hashKeys(jdbc);
        String wrapped = HashKeyWrap.wrap(hashKeys, next);
        jdbc.execute(tx -> {
            tx.update("DELETE FROM settings WHERE name = 'hash_keys'");
            tx.update("INSERT INTO settings (name, value) VALUES ('hash_keys', ?)", wrapped);
        });
        checkpoint.accept("wrap");

        KeyEncryption encryption = new KeyEncryption(next.derive(MasterKey.SIGNING_KEY_PURPOSE),
                List.of(old.derive(MasterKey.SIGNING_KEY_PURPOSE)), crypto);
        int reencrypted = reencryptAll(encryption);

        jdbc.execute(tx -> {
            tx.update("DELETE FROM settings WHERE name = 'master_key_check'");
            tx.update("INSERT INTO settings (name, value) VALUES ('master_key_check', ?)", next.checkValue());
        });
        checkpoint.accept("check");
        // A node that read the old file just before step 1 may have stored one more key under the old key.
        reencrypted += reencryptAll(encryption);
        if (ring.file().isPresent()) {
            write(ring, List.of(next));
        }
        return new Result(next, reencrypted);
    }

    private int reencryptAll(KeyEncryption encryption) {
        record Row(String server, String kid, String blob) {
        }
        List<Row> rows = jdbc.query("SELECT auth_server_id, kid, private_key FROM signing_keys",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
        int done = 0;
        for (Row r : rows) {
            String context = KeyEncryption.signingKeyContext(r.server(), r.kid());
            if (encryption.isCurrent(r.blob(), context)) {
                continue;
            }
            String blob = encryption.encrypt(encryption.decrypt(r.blob(), context), context);
            // Conditional: a row changed or deleted meanwhile is left as it is now.
            done += jdbc.update("UPDATE signing_keys SET private_key = ? WHERE auth_server_id = ? AND kid = ? AND private_key = ?",
                    blob, r.server(), r.kid(), r.blob());
            checkpoint.accept("row");
        }
        return done;
    }

    private static void write(MasterKeys ring, List<MasterKey> keys) {
        try {
            MasterKeys.writeFile(ring.file().orElseThrow(), keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + ring.file().get(), e);
        }
    }
}
