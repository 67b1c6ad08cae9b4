package dev.tessera.admintoken;

import dev.tessera.crypto.RandomStrings;
import dev.tessera.crypto.Sha256;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin tokens for the management API. Only a SHA-256 of each token is stored (tokens are
 * 240-bit random values, so a fast hash is enough); known hashes are cached so a request
 * costs one hash and a map lookup. A token created by {@code tessera admin-token create}
 * while the server runs is found on its first use.
 */
public final class AdminTokens {
    private static final Logger log = LoggerFactory.getLogger(AdminTokens.class);
    public static final String PREFIX = "tsr_";

    private final Jdbc jdbc;
    private final Set<String> knownHashes = ConcurrentHashMap.newKeySet();

    public AdminTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a token and returns its value; the value is not kept anywhere. */
    public String create(String name) {
        String token = PREFIX + RandomStrings.of(RandomStrings.ALNUM, 40);
        insert(name, token);
        return token;
    }

    private void insert(String name, String token) {
        jdbc.update("INSERT INTO admin_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                UUID.randomUUID().toString(), name, Sha256.base64Url(token), Timestamps.nowMicros());
    }

    /**
     * First start: an empty table gets the configured token, or a generated one that is
     * printed once. A configured token is always accepted while it is configured.
     */
    public void bootstrap(Optional<String> configured) {
        if (configured.isPresent()) {
            String hash = Sha256.base64Url(configured.get());
            if (jdbc.count("SELECT COUNT(*) FROM admin_tokens WHERE token_hash = ?", hash) == 0) {
                insert("TESSERA_ADMIN_TOKEN", configured.get());
                log.info("admin token from TESSERA_ADMIN_TOKEN registered");
            }
            return;
        }
        if (jdbc.count("SELECT COUNT(*) FROM admin_tokens") == 0) {
            String token = create("initial");
            // Printed once, on purpose: it is the only way the operator learns the first token.
            log.warn("""
                    
                    ================================================================
                    No admin token existed, so one was created. It is shown only now:
                    
                        {}
                    
                    Use it as: Authorization: Bearer <token>
                    ================================================================""", token);
        }
    }

    public boolean isValid(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return false;
        }
        String hash = Sha256.base64Url(token);
        if (knownHashes.contains(hash)) {
            return true;
        }
        boolean exists = jdbc.count("SELECT COUNT(*) FROM admin_tokens WHERE token_hash = ?", hash) > 0;
        if (exists) {
            knownHashes.add(hash);
        }
        return exists;
    }
}
