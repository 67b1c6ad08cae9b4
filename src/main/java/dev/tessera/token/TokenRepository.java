package dev.tessera.token;

import dev.tessera.store.Jdbc;
import dev.tessera.store.JsonColumns;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issued-token records. A revoked token keeps its row (with {@code revoked_at}) until it
 * expires, so a restarted node still knows it is revoked; lists show only live tokens.
 * Timestamps are microseconds.
 */
public final class TokenRepository {
    private static final String COLUMNS = "t.auth_server_id, t.id, t.client_id, t.scopes, t.created_at, t.expires_at";

    private final Jdbc jdbc;

    public TokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String INSERT =
            "INSERT INTO tokens (auth_server_id, id, client_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";

    /**
     * A writer for the token log: one connection and one prepared statement kept for its
     * lifetime, so a commit costs the batch and the commit itself, nothing more.
     */
    public Writer openWriter() {
        return new Writer(jdbc.dataSource());
    }

    public static final class Writer implements AutoCloseable {
        private final javax.sql.DataSource dataSource;
        private java.sql.Connection connection;
        private java.sql.PreparedStatement insert;

        private Writer(javax.sql.DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** Inserts the records in one transaction; on failure the connection is dropped and reopened next time. */
        public void write(List<TokenRecord> records) throws java.sql.SQLException {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    insert = connection.prepareStatement(INSERT);
                }
                // Auto-commit is switched off only for the batch: SQLite opens the next (write-locking)
                // transaction right after a commit while it is off, which would lock out every other writer.
                connection.setAutoCommit(false);
                for (TokenRecord r : records) {
                    insert.setString(1, r.authServerId().toString());
                    insert.setString(2, r.id().toString());
                    insert.setString(3, r.clientId());
                    insert.setString(4, JsonColumns.write(r.grantedScopeNames()));
                    insert.setLong(5, r.createdAt());
                    insert.setLong(6, r.expiresAt());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                connection.setAutoCommit(true);
            } catch (java.sql.SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    connection.close();
                } catch (java.sql.SQLException ignored) {
                    // the connection is being thrown away
                }
            }
            connection = null;
            insert = null;
        }
    }

    public Page<TokenRecord> list(UUID authServerId, String clientId, PageRequest request, long nowMicros) {
        return new PageQuery("tokens t", COLUMNS,
                "t.auth_server_id = ? AND t.client_id = ? AND t.revoked_at IS NULL AND t.expires_at > ?",
                List.of(authServerId.toString(), clientId, nowMicros), null).run(jdbc, request, TokenRepository::row);
    }

    public Optional<TokenRecord> find(UUID authServerId, String clientId, UUID id, long nowMicros) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM tokens t WHERE t.auth_server_id = ? AND t.client_id = ? AND t.id = ? "
                        + "AND t.revoked_at IS NULL AND t.expires_at > ?",
                TokenRepository::row, authServerId.toString(), clientId, id.toString(), nowMicros);
    }

    /** Marks one live token revoked; returns its expiry (µs) when it was live. */
    public Optional<Long> revoke(UUID authServerId, String clientId, UUID id, long nowMicros) {
        return jdbc.inTransaction(tx -> {
            Optional<Long> expires = tx.queryOne("SELECT expires_at FROM tokens WHERE auth_server_id = ? AND client_id = ? "
                            + "AND id = ? AND revoked_at IS NULL AND expires_at > ?", rs -> rs.getLong(1),
                    authServerId.toString(), clientId, id.toString(), nowMicros);
            expires.ifPresent(e -> tx.update("UPDATE tokens SET revoked_at = ? WHERE auth_server_id = ? AND client_id = ? AND id = ?",
                    nowMicros, authServerId.toString(), clientId, id.toString()));
            return expires;
        });
    }

    /** Marks every live token of a client revoked; returns (id, expiry µs) of each. */
    public List<Revoked> revokeAll(UUID authServerId, String clientId, long nowMicros) {
        return jdbc.inTransaction(tx -> {
            List<Revoked> live = tx.query("SELECT auth_server_id, id, expires_at FROM tokens WHERE auth_server_id = ? "
                            + "AND client_id = ? AND revoked_at IS NULL AND expires_at > ?", TokenRepository::revoked,
                    authServerId.toString(), clientId, nowMicros);
            tx.update("UPDATE tokens SET revoked_at = ? WHERE auth_server_id = ? AND client_id = ? AND revoked_at IS NULL",
                    nowMicros, authServerId.toString(), clientId);
            return live;
        });
    }

    /**
     * Revoked tokens that have not expired yet: the start-up content of the in-memory revocation
     * list. Includes the tokens of deleted clients, whose records are gone (see {@link ClientDeletion}).
     */
    public List<Revoked> revokedAndLive(long nowMicros) {
        return jdbc.query("SELECT auth_server_id, id, expires_at FROM tokens WHERE revoked_at IS NOT NULL AND expires_at > ? "
                        + "UNION ALL SELECT auth_server_id, id, expires_at FROM deleted_client_tokens WHERE expires_at > ?",
                TokenRepository::revoked, nowMicros, nowMicros);
    }

    /** The revoked, unexpired tokens of one client (after another node revoked them all, or deleted the client). */
    public List<Revoked> revokedAndLive(UUID authServerId, String clientId, long nowMicros) {
        return jdbc.query("SELECT auth_server_id, id, expires_at FROM tokens WHERE auth_server_id = ? AND client_id = ? "
                        + "AND revoked_at IS NOT NULL AND expires_at > ? UNION ALL SELECT auth_server_id, id, expires_at "
                        + "FROM deleted_client_tokens WHERE auth_server_id = ? AND client_id = ? AND expires_at > ?",
                TokenRepository::revoked, authServerId.toString(), clientId, nowMicros, authServerId.toString(), clientId, nowMicros);
    }

    /**
     * Removes at most {@code limit} records that expired before the cutoff (they can no longer be
     * used or listed). Small batches keep each write transaction short, so token commits never
     * wait long behind a purge.
     */
    public int purgeExpired(long cutoffMicros, int limit) {
        int removed = jdbc.update("DELETE FROM tokens WHERE (auth_server_id, client_id, id) IN "
                + "(SELECT auth_server_id, client_id, id FROM tokens WHERE expires_at < ? LIMIT ?)", cutoffMicros, limit);
        if (removed < limit) {
            // The deleted clients' token ids too, once their tokens have expired.
            removed += jdbc.update("DELETE FROM deleted_client_tokens WHERE (auth_server_id, client_id, id) IN "
                    + "(SELECT auth_server_id, client_id, id FROM deleted_client_tokens WHERE expires_at < ? LIMIT ?)",
                    cutoffMicros, limit - removed);
        }
        return removed;
    }

    public record Revoked(UUID authServerId, UUID id, long expiresAt) {
    }

    private static Revoked revoked(ResultSet rs) throws SQLException {
        return new Revoked(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getLong(3));
    }

    private static TokenRecord row(ResultSet rs) throws SQLException {
        return new TokenRecord(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
                JsonColumns.read(rs.getString(4)), rs.getLong(5), rs.getLong(6));
    }
}
