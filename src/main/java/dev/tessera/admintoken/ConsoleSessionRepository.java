package dev.tessera.admintoken;

import dev.tessera.store.Jdbc;
import dev.tessera.store.RowMapper;

import java.util.Optional;
import java.util.UUID;

/** The {@code console_sessions} table, read together with the admin token behind each session. */
final class ConsoleSessionRepository {
    private static final RowMapper<ConsoleSession> ROW = rs -> {
        long lastUsed = rs.getLong(10);
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        AdminToken token = new AdminToken(UUID.fromString(rs.getString(5)), rs.getString(6), rs.getBoolean(7),
                AdminToken.Source.of(rs.getString(8)), rs.getLong(9), lastUsedAt);
        return new ConsoleSession(rs.getString(1), token, rs.getLong(2), rs.getLong(3), rs.getLong(4));
    };

    private final Jdbc jdbc;

    ConsoleSessionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String idHash, UUID adminTokenId, long createdAt, long expiresAt) {
        jdbc.update("INSERT INTO console_sessions (id_hash, admin_token_id, created_at, last_seen_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", idHash, adminTokenId.toString(), createdAt, createdAt, expiresAt);
    }

    Optional<ConsoleSession> find(String idHash) {
        return jdbc.queryOne("SELECT s.id_hash, s.created_at, s.last_seen_at, s.expires_at, t.id, t.name, t.read_only, "
                + "t.source, t.created_at, t.last_used_at FROM console_sessions s JOIN admin_tokens t ON t.id = s.admin_token_id "
                + "WHERE s.id_hash = ?", ROW, idHash);
    }

    void touch(String idHash, long lastSeenAt) {
        jdbc.update("UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?",
                lastSeenAt, idHash, lastSeenAt);
    }

    boolean delete(String idHash) {
        return jdbc.update("DELETE FROM console_sessions WHERE id_hash = ?", idHash) > 0;
    }

    /** Sessions past their absolute end, or idle since before {@code idleCutoff}. */
    int deleteEnded(long now, long idleCutoff) {
        return jdbc.update("DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at <= ?", now, idleCutoff);
    }
}
