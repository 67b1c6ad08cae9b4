package dev.tessera.crypto;

import dev.tessera.config.ConfigException;
import dev.tessera.store.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's 256-bit master key. It never encrypts data itself: purpose-specific keys are
 * derived from it (HMAC-SHA256 of a label), so the client-secret pepper and the key that
 * encrypts private keys at rest are independent.
 *
 * <p>Taken from {@code TESSERA_MASTER_KEY} (base64 or base64url of 32 bytes) or else from
 * {@code <data dir>/master.key}, which is created with mode 0600 on first start. Nodes that
 * share a PostgreSQL database must share the master key.
 */
public final class MasterKey {
    /** The key file's name in the data directory, unless {@code TESSERA_MASTER_KEY_FILE} names another path. */
    public static final String FILE_NAME = "master.key";
    /** The purpose of the key that encrypts signing keys at rest. */
    public static final String SIGNING_KEY_PURPOSE = "signing-key-encryption";

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    public static MasterKey fromBytes(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes");
        }
        return new MasterKey(key.clone());
    }

    public static MasterKey load(java.util.Optional<String> configured, Path dataDir) {
        return loadFrom(configured, dataDir.resolve(FILE_NAME));
    }

    /** The configured key, else the key in {@code file} (created, mode 0600, when missing). */
    public static MasterKey loadFrom(java.util.Optional<String> configured, Path file) {
        if (configured.isPresent()) {
            return new MasterKey(decode(configured.get(), "TESSERA_MASTER_KEY"));
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            PrivateFiles.directory(dir);
            if (!Files.exists(file)) {
                createKeyFile(file);
            } else {
                PrivateFiles.tighten(file);
            }
            // A second line is the previous key during a rotation (see MasterKeys); the first is current.
            String first = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
            return new MasterKey(decode(first, file.toString()));
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the master key file " + file + ": " + e.getMessage());
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        String encoded = Base64.getEncoder().encodeToString(RandomStrings.bytes(32)) + "\n";
        if (!PrivateFiles.file(file)) {
            return; // another process created it first; use theirs
        }
        Files.writeString(file, encoded, StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String value, String source) {
        byte[] bytes;
        try {
            bytes = value.contains("-") || value.contains("_")
                    ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " must be 32 random bytes in base64 (e.g. from: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new ConfigException(source + " must decode to exactly 32 bytes, not " + bytes.length
                    + " (generate one with: openssl rand -base64 32)");
        }
        return bytes;
    }

    /** The key itself, for the key file only. */
    byte[] bytes() {
        return key.clone();
    }

    /** A new random master key. */
    public static MasterKey generate() {
        return new MasterKey(RandomStrings.bytes(32));
    }

    /** A 32-byte key for one purpose, e.g. {@code derive("client-secret-pepper")}. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("tessera/v1/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** A short value stored in the database to detect a node started with the wrong master key. */
    public String checkValue() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(derive("check-value")).substring(0, 22);
    }
}
