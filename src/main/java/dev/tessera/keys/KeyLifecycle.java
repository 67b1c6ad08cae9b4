package dev.tessera.keys;

import dev.tessera.store.Jdbc;
import dev.tessera.store.DataAccessException;
import dev.tessera.store.Tx;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Moves an auth server's signing keys through their lifecycle: {@code next} (published, not
 * signing) → {@code active} (signing; one per auth server, by a unique index) → {@code retired}
 * (published until its last token expires, plus clock skew) → removed (row deleted).
 *
 * <p>Every step is one transaction whose writes are conditional on the state they change, so on
 * several nodes sharing a database each step happens once, whichever node gets there first; the
 * others change nothing. On PostgreSQL the write itself notifies every node (the triggers of
 * {@code cluster/PostgresChangeTriggers} watch {@code signing_keys}), which reload their snapshot.
 *
 * <p>Time comes from the store's clock, so tests move it instead of sleeping.
 */
public final class KeyLifecycle {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final SigningKeyStore store;
    private final Jdbc jdbc;
    private final long leadMicros;
    private final long skewMicros;
    /** Activations this node performed (each happens on one node only); read by tests and metrics. */
    private final java.util.concurrent.atomic.AtomicLong activations = new java.util.concurrent.atomic.AtomicLong();

    public KeyLifecycle(SigningKeyStore store, Duration leadTime, Duration clockSkew) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.leadMicros = leadTime.toNanos() / 1000;
        this.skewMicros = clockSkew.toNanos() / 1000;
    }

    public long activationsPerformed() {
        return activations.get();
    }

    public SigningKeyStore store() {
        return store;
    }

    /** Work for the transaction that creates an auth server: its first key, of its algorithm, active at once. */
    public Jdbc.TxAction prepareCreation(UUID authServerId, KeyAlgorithm alg) {
        SigningKey key = store.generate(alg);
        return tx -> store.insertActive(tx, authServerId, key);
    }

    /**
     * Rotation on demand. Without {@code immediate}: a new key of {@code alg} is published now and
     * becomes active after the lead time. With it (the active key is compromised): the active key
     * is deleted at once, so it leaves JWKS and its tokens stop verifying; the next key, if there
     * is one of {@code alg}, becomes active now, else a new key does.
     *
     * @throws KeyConflictException without {@code immediate}, when a rotation is already scheduled
     */
    public void rotate(UUID authServerId, KeyAlgorithm alg, boolean immediate) {
        SigningKey fresh = store.generate(alg);
        long now = store.nowMicros();
        jdbc.execute(tx -> {
            Optional<KeyRow> next = row(tx, authServerId, KeyState.NEXT);
            if (!immediate) {
                if (next.isPresent()) {
                    throw new KeyConflictException("a rotation is already scheduled: key " + next.get().kid()
                            + " becomes active at its activates_at; rotate with immediate=true to replace the active key now");
                }
                store.insert(tx, authServerId, fresh, KeyState.NEXT, now + leadMicros, "");
                return;
            }
            tx.update("DELETE FROM signing_keys WHERE auth_server_id = ? AND state = 'active'", authServerId.toString());
            if (next.isPresent() && next.get().alg() == alg) {
                tx.update("UPDATE signing_keys SET state = 'active', activates_at = ? WHERE auth_server_id = ? AND kid = ?",
                        now, authServerId.toString(), next.get().kid());
            } else {
                if (next.isPresent()) {
                    tx.update("DELETE FROM signing_keys WHERE auth_server_id = ? AND state = 'next'", authServerId.toString());
                }
                store.insert(tx, authServerId, fresh, KeyState.ACTIVE, now, "");
            }
        });
    }

    /**
     * Work for the transaction that changes an auth server's signing algorithm: a key of the new
     * algorithm goes through the lifecycle (published now, active after the lead time; the old key
     * retires then and stays published until its tokens expire). A pending next key of another
     * algorithm is replaced: it never signed, so no token depends on it.
     */
    public Jdbc.TxAction prepareAlgorithmChange(UUID authServerId, KeyAlgorithm alg) {
        SigningKey fresh = store.generate(alg);
        return tx -> {
            long now = store.nowMicros();
            Optional<KeyRow> active = row(tx, authServerId, KeyState.ACTIVE);
            Optional<KeyRow> next = row(tx, authServerId, KeyState.NEXT);
            if (next.isPresent()) {
                if (next.get().alg() == alg) {
                    return;
                }
                tx.update("DELETE FROM signing_keys WHERE auth_server_id = ? AND state = 'next'", authServerId.toString());
            }
            if (active.isPresent() && active.get().alg() == alg) {
                return;
            }
            store.insert(tx, authServerId, fresh, KeyState.NEXT, now + leadMicros, "");
        };
    }

    /**
     * Stores an imported key: as {@code next} it is published now and becomes active after the
     * lead time; as {@code active} it signs at once and the active key retires.
     *
     * @throws KeyConflictException when the kid is taken, or a next key exists and this one is next
     */
    public void importKey(UUID authServerId, SigningKey key, KeyState state) {
        long now = store.nowMicros();
        try {
            jdbc.execute(tx -> {
                if (tx.count("SELECT COUNT(*) FROM signing_keys WHERE auth_server_id = ? AND kid = ?",
                        authServerId.toString(), key.kid()) > 0) {
                    throw new KeyConflictException("kid " + key.kid() + " is already a key of this auth server");
                }
                if (state == KeyState.NEXT) {
                    if (row(tx, authServerId, KeyState.NEXT).isPresent()) {
                        throw new KeyConflictException("a rotation is already scheduled (this auth server has a next key)");
                    }
                    store.insert(tx, authServerId, key, KeyState.NEXT, now + leadMicros, "");
                } else {
                    retireActive(tx, authServerId, now);
                    store.insert(tx, authServerId, key, KeyState.ACTIVE, now, "");
                }
            });
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw new KeyConflictException("the keys of this auth server changed meanwhile; try again");
            }
            throw e;
        }
    }

    /**
     * Performs every step that is due now, each once across all nodes: schedules the next key of
     * auth servers with a rotation period, activates next keys whose time has come (retiring the
     * active one), and removes retired keys past their removal time.
     *
     * @return the auth servers whose keys this call changed (for local snapshots to reload)
     */
    public Set<UUID> runDueSteps() {
        Set<UUID> changed = new LinkedHashSet<>();
        scheduleRotations(changed);
        activateDue(changed);
        removeDue(changed);
        return changed;
    }

    /** Auth servers with a rotation period whose active key reaches its end within the lead time get a next key. */
    private void scheduleRotations(Set<UUID> changed) {
        long now = store.nowMicros();
        record Due(UUID server, KeyAlgorithm alg, long activatesAt) {
        }
        List<Due> due = jdbc.query("SELECT a.id, a.signing_algorithm, k.activates_at + a.key_rotation_period_days * ? "
                        + "FROM auth_servers a JOIN signing_keys k ON k.auth_server_id = a.id AND k.state = 'active' "
                        + "WHERE a.key_rotation_period_days IS NOT NULL "
                        + "AND k.activates_at + a.key_rotation_period_days * ? - ? <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM signing_keys n WHERE n.auth_server_id = a.id AND n.state = 'next')",
                rs -> new Due(UUID.fromString(rs.getString(1)), KeyAlgorithm.fromJoseName(rs.getString(2)), rs.getLong(3)),
                MICROS_PER_DAY, MICROS_PER_DAY, leadMicros, now);
        for (Due d : due) {
            SigningKey fresh = store.generate(d.alg());
            // Published at least the lead time before it signs, even when the schedule is late.
            long activatesAt = Math.max(d.activatesAt(), store.nowMicros() + leadMicros);
            // The one-next index lets only one node's insert through; the others insert nothing.
            int inserted = jdbc.inTransaction(tx -> store.insert(tx, d.server(), fresh, KeyState.NEXT, activatesAt,
                    " ON CONFLICT DO NOTHING"));
            if (inserted > 0) {
                changed.add(d.server());
            }
        }
    }

    private void activateDue(Set<UUID> changed) {
        long now = store.nowMicros();
        List<KeyRow> due = jdbc.query("SELECT auth_server_id, kid, alg FROM signing_keys WHERE state = 'next' AND activates_at <= ?",
                rs -> new KeyRow(UUID.fromString(rs.getString(1)), rs.getString(2), KeyAlgorithm.fromJoseName(rs.getString(3))),
                now);
        for (KeyRow next : due) {
            try {
                jdbc.execute(tx -> {
                    // Both writes are conditional: a node that comes second finds no next key to activate and rolls back.
                    retireActive(tx, next.server(), now, next.kid());
                    int activated = tx.update("UPDATE signing_keys SET state = 'active' WHERE auth_server_id = ? AND kid = ? "
                            + "AND state = 'next' AND activates_at <= ?", next.server().toString(), next.kid(), now);
                    if (activated == 0) {
                        throw new StepTaken();
                    }
                });
                changed.add(next.server());
                activations.incrementAndGet();
            } catch (StepTaken taken) {
                // another node activated it
            }
        }
    }

    private void removeDue(Set<UUID> changed) {
        long now = store.nowMicros();
        List<KeyRow> due = jdbc.query("SELECT auth_server_id, kid, alg FROM signing_keys WHERE state = 'retired' AND removes_at <= ?",
                rs -> new KeyRow(UUID.fromString(rs.getString(1)), rs.getString(2), KeyAlgorithm.fromJoseName(rs.getString(3))),
                now);
        for (KeyRow r : due) {
            int deleted = jdbc.update("DELETE FROM signing_keys WHERE auth_server_id = ? AND kid = ? AND state = 'retired' "
                    + "AND removes_at <= ?", r.server().toString(), r.kid(), now);
            if (deleted > 0) {
                changed.add(r.server());
            }
        }
    }

    private void retireActive(Tx tx, UUID server, long now) {
        retireActive(tx, server, now, null);
    }

    /**
     * Retires the active key: it stays published until the last token it may have signed has
     * expired (the latest recorded expiry, or now plus the longest token lifetime of the auth
     * server's clients for tokens still in flight) plus the clock-skew margin.
     */
    private void retireActive(Tx tx, UUID server, long now, String onlyIfNextKid) {
        String id = server.toString();
        long lastRecorded = tx.queryOne("SELECT MAX(expires_at) FROM tokens WHERE auth_server_id = ?",
                rs -> rs.getLong(1), id).orElse(0L);
        long longestLifetimeSeconds = tx.queryOne("SELECT MAX(CASE WHEN access_token_duration > id_token_duration "
                        + "THEN access_token_duration ELSE id_token_duration END) FROM clients WHERE auth_server_id = ?",
                rs -> rs.getLong(1), id).orElse(0L);
        long removesAt = Math.max(lastRecorded, now + longestLifetimeSeconds * 1_000_000L) + skewMicros;
        String condition = onlyIfNextKid == null ? ""
                : " AND EXISTS (SELECT 1 FROM signing_keys n WHERE n.auth_server_id = ? AND n.kid = ? AND n.state = 'next')";
        Object[] params = onlyIfNextKid == null ? new Object[]{now, removesAt, id}
                : new Object[]{now, removesAt, id, id, onlyIfNextKid};
        tx.update("UPDATE signing_keys SET state = 'retired', retires_at = ?, removes_at = ? "
                + "WHERE auth_server_id = ? AND state = 'active'" + condition, params);
    }

    private Optional<KeyRow> row(Tx tx, UUID server, KeyState state) {
        return tx.queryOne("SELECT auth_server_id, kid, alg FROM signing_keys WHERE auth_server_id = ? AND state = ?",
                rs -> new KeyRow(server, rs.getString(2), KeyAlgorithm.fromJoseName(rs.getString(3))),
                server.toString(), state.wire());
    }

    private record KeyRow(UUID server, String kid, KeyAlgorithm alg) {
    }

    /** Another node performed this step first: roll back and carry on. */
    private static final class StepTaken extends RuntimeException {
        StepTaken() {
            super(null, null, false, false);
        }
    }
}
