package dev.tessera.admintoken;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.RowMapper;
import dev.tessera.store.Tx;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code admin_tokens} table. Hashes go in and are matched, never read back out. */
final class AdminTokenRepository {
    private static final String COLUMNS = "t.id, t.name, t.read_only, t.source, t.created_at, t.last_used_at";
    private static final RowMapper<AdminToken> ROW = rs -> {
        long lastUsed = rs.getLong(6);
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        return new AdminToken(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getBoolean(3),
                AdminToken.Source.of(rs.getString(4)), rs.getLong(5), lastUsedAt);
    };

    private final Jdbc jdbc;

    AdminTokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AdminToken token, String hash) {
        jdbc.execute(tx -> insert(tx, token, hash));
    }

    void insert(Tx tx, AdminToken token, String hash) {
        tx.update("INSERT INTO admin_tokens (id, name, token_hash, created_at, read_only, source) VALUES (?, ?, ?, ?, ?, ?)",
                token.id().toString(), token.name(), hash, token.createdAt(), token.readOnly(), token.source().value());
    }

    Optional<AdminToken> findByHash(String hash) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM admin_tokens t WHERE t.token_hash = ?", ROW, hash);
    }

    /** A token and whether it was found by its legacy (unkeyed) hash. */
    record Match(AdminToken token, boolean legacy) {
    }

    /** One indexed lookup for both forms a token may be stored in. */
    Optional<Match> findByHashOrLegacy(String hash, String legacyHash) {
        return jdbc.queryOne("SELECT " + COLUMNS + ", t.token_hash FROM admin_tokens t WHERE t.token_hash IN (?, ?)",
                rs -> new Match(ROW.map(rs), legacyHash.equals(rs.getString(7))), hash, legacyHash);
    }

    Optional<AdminToken> find(UUID id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM admin_tokens t WHERE t.id = ?", ROW, id.toString());
    }

    Page<AdminToken> list(PageRequest request) {
        return new PageQuery("admin_tokens t", COLUMNS, "", List.of(), null).run(jdbc, request, ROW);
    }

    long count() {
        return jdbc.count("SELECT COUNT(*) FROM admin_tokens");
    }

    boolean delete(UUID id) {
        return jdbc.update("DELETE FROM admin_tokens WHERE id = ?", id.toString()) > 0;
    }

    boolean delete(Tx tx, UUID id) {
        return tx.update("DELETE FROM admin_tokens WHERE id = ?", id.toString()) > 0;
    }

    /** Removes the tokens that came from {@code TESSERA_ADMIN_TOKEN}, except {@code keep} (may be null). */
    List<AdminToken> deleteEnvTokensExcept(UUID keep) {
        return jdbc.inTransaction(tx -> {
            List<AdminToken> env = tx.query("SELECT " + COLUMNS + " FROM admin_tokens t WHERE t.source = ?", ROW,
                    AdminToken.Source.ENV.value());
            List<AdminToken> removed = env.stream().filter(t -> !t.id().equals(keep)).toList();
            for (AdminToken t : removed) {
                tx.update("DELETE FROM admin_tokens WHERE id = ?", t.id().toString());
            }
            return removed;
        });
    }

    /** Replaces a legacy hash; false when another request already did. */
    boolean rehash(UUID id, String oldHash, String newHash) {
        return jdbc.update("UPDATE admin_tokens SET token_hash = ? WHERE id = ? AND token_hash = ?",
                newHash, id.toString(), oldHash) > 0;
    }

    void markEnv(UUID id) {
        jdbc.update("UPDATE admin_tokens SET source = ? WHERE id = ?", AdminToken.Source.ENV.value(), id.toString());
    }

    void touch(UUID id, long usedAtMicros) {
        jdbc.update("UPDATE admin_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                usedAtMicros, id.toString(), usedAtMicros);
    }
}
