package dev.tessera.crypto;

import dev.tessera.config.ConfigException;
import dev.tessera.store.Jdbc;
import dev.tessera.store.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The master keys a process holds: the current one, and during a master-key rotation the
 * previous one, which still decrypts what has not been re-encrypted yet.
 *
 * <p>From the environment: {@code TESSERA_MASTER_KEY} and, while rotating,
 * {@code TESSERA_MASTER_KEY_PREVIOUS}. From the key file: its first line is the current key, a
 * second line the previous one (written by {@code tessera master-key rotate}, removed when it ends).
 *
 * <p>Client-secret and admin-token hashes cannot be recomputed without the secrets, so their keys
 * outlive a rotation: they are derived from the first master key and, once a rotation has
 * happened, kept in {@code settings} ({@code hash_keys}) encrypted under the current master key.
 */
public final class MasterKeys {
    public static final String PEPPER_PURPOSE = "client-secret-pepper";
    public static final String ADMIN_TOKEN_PURPOSE = "admin-token-hash";
    static final String WRAP_PURPOSE = "hash-key-wrap";
    static final String HASH_KEYS_CONTEXT = "hash-keys";

    private final MasterKey current;
    private final MasterKey previous;
    private final Path file;

    public MasterKeys(MasterKey current, MasterKey previous, Path file) {
        this.current = current;
        this.previous = previous;
        this.file = file;
    }

    /** The keys of the environment, else of {@code file} (created with one new key, mode 0600, when missing). */
    public static MasterKeys load(Optional<String> configured, Optional<String> configuredPrevious, Path file) {
        if (configured.isPresent()) {
            return new MasterKeys(MasterKey.loadFrom(configured, file),
                    configuredPrevious.map(p -> MasterKey.loadFrom(Optional.of(p), file)).orElse(null), null);
        }
        if (configuredPrevious.isPresent()) {
            throw new ConfigException("TESSERA_MASTER_KEY_PREVIOUS needs TESSERA_MASTER_KEY (the new key)");
        }
        MasterKey first = MasterKey.loadFrom(Optional.empty(), file); // creates the file when missing
        List<String> lines = readLines(file);
        MasterKey previous = lines.size() > 1 ? MasterKey.loadFrom(Optional.of(lines.get(1)), file) : null;
        return new MasterKeys(first, previous, file);
    }

    /** The same sources read again: a file rotated by the command since start-up brings its new key. */
    public Optional<MasterKeys> reload() {
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(load(Optional.empty(), Optional.empty(), file));
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> previous() {
        return Optional.ofNullable(previous);
    }

    /** The key file, or empty when the key comes from the environment. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Current first, then the previous one if any. */
    public List<MasterKey> all() {
        List<MasterKey> keys = new ArrayList<>();
        keys.add(current);
        if (previous != null) {
            keys.add(previous);
        }
        return keys;
    }

    /**
     * Refuses a database whose check value matches none of these keys (a node with another
     * master key could not read signing keys or verify secrets); stores the current key's
     * check value in a new database.
     */
    public void verify(Jdbc jdbc) {
        Optional<String> stored = storedCheck(jdbc);
        if (stored.isEmpty()) {
            MasterKeyCheck.verify(jdbc, current);
            return;
        }
        if (all().stream().noneMatch(k -> k.checkValue().equals(stored.get()))) {
            throw new ConfigException("the master key does not match this database: set TESSERA_MASTER_KEY "
                    + "(or the master key file) to the key the database was created with");
        }
    }

    static Optional<String> storedCheck(Jdbc jdbc) {
        return jdbc.queryOne("SELECT value FROM settings WHERE name = 'master_key_check'", rs -> rs.getString(1));
    }

    /** The keys of client-secret and admin-token hashes, the same before, during and after rotations. */
    public record HashKeys(byte[] clientSecretPepper, byte[] adminTokenHash) {
    }

    public HashKeys hashKeys(Jdbc jdbc) {
        Optional<String> wrapped = jdbc.queryOne("SELECT value FROM settings WHERE name = 'hash_keys'", rs -> rs.getString(1));
        if (wrapped.isPresent()) {
            return HashKeyWrap.unwrap(wrapped.get(), all());
        }
        // Never rotated: derived from the key the database was created with.
        String check = storedCheck(jdbc).orElse(current.checkValue());
        MasterKey root = all().stream().filter(k -> k.checkValue().equals(check)).findFirst().orElse(current);
        return new HashKeys(root.derive(PEPPER_PURPOSE), root.derive(ADMIN_TOKEN_PURPOSE));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new ConfigException("cannot read the master key file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Replaces the key file atomically: the lines go to a new private file (mode 0600) that is
     * fsynced and then renamed over the old one, so a crash leaves the old file or the new one,
     * never a torn one.
     */
    public static void writeFile(Path file, List<MasterKey> keys) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        PrivateFiles.file(temp);
        StringBuilder text = new StringBuilder();
        for (MasterKey k : keys) {
            text.append(Base64.getEncoder().encodeToString(k.bytes())).append('\n');
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + file + " cannot replace files atomically", e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself survives a power loss
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
