package dev.tessera.token;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory view of revoked, not yet expired tokens, so introspection answers without a
 * database read. Filled from the database at start-up and on every revocation by this node;
 * entries drop out once the token would have expired anyway.
 */
public final class Revocations {
    private final ConcurrentHashMap<UUID, Long> revoked = new ConcurrentHashMap<>(); // jti → expiry (µs)
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public void load(List<TokenRepository.Revoked> live) {
        live.forEach(r -> revoked.put(r.id(), r.expiresAt()));
    }

    public void revoke(UUID jti, long expiresAtMicros, long nowMicros) {
        revoked.put(jti, expiresAtMicros);
        if (sinceSweep.incrementAndGet() >= 1024) {
            sinceSweep.set(0);
            revoked.values().removeIf(expiry -> expiry <= nowMicros);
        }
    }

    public boolean isRevoked(UUID jti) {
        return revoked.containsKey(jti);
    }
}
