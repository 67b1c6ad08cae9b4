package dev.tessera.token;

import dev.tessera.store.ConnectionLimits;
import dev.tessera.store.Dialect;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Tx;
import dev.tessera.store.JsonColumns;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.PooledConnections;
import dev.tessera.store.SqlFailures;
import dev.tessera.store.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
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
        return new Writer(jdbc.dataSource(), jdbc.dialect());
    }

    /** What became of one record of a batch. */
    public enum Outcome {
        RECORDED,
        /** Its client no longer exists (deleted here or on another node a moment earlier). */
        CLIENT_GONE,
        /** Another constraint refused it; the other records are unaffected. */
        REFUSED
    }

    public static final class Writer implements AutoCloseable {
        private static final Logger log = LoggerFactory.getLogger(Writer.class);
        /** How long a write may wait for SQLite's lock or for PostgreSQL to answer before it counts as unavailable. */
        static final int WRITE_TIMEOUT_MILLIS = 2_000;

        private final javax.sql.DataSource dataSource;
        private final Dialect dialect;
        private final List<TokenRecord> inDoubt = new ArrayList<>();
        private Connection connection;
        private PreparedStatement insert;

        private Writer(javax.sql.DataSource dataSource, Dialect dialect) {
            this.dataSource = dataSource;
            this.dialect = dialect;
        }

        /** Whether the next write reuses a connection opened earlier (which may have died since). */
        public boolean hasConnection() {
            return connection != null;
        }

        /**
         * Inserts the records in one transaction and returns each one's outcome, in order. A row
         * that a constraint refuses fails only itself: the batch is then written row by row behind
         * savepoints, still in one commit. Any other failure throws, nothing is committed, and the
         * connection is dropped (a fresh one is opened next time).
         */
        public List<Outcome> write(List<TokenRecord> records) throws SQLException {
            try {
                open();
                // Auto-commit is switched off only for the batch: SQLite opens the next (write-locking)
                // transaction right after a commit while it is off, which would lock out every other writer.
                connection.setAutoCommit(false);
                withdrawInDoubt();
                List<Outcome> outcomes;
                try {
                    insertAll(records);
                    outcomes = Collections.nCopies(records.size(), Outcome.RECORDED);
                } catch (SQLException e) {
                    if (!SqlFailures.isConstraintViolation(firstOf(e))) {
                        throw e;
                    }
                    connection.rollback();
                    outcomes = insertOneByOne(records);
                }
                commit(records);
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                discard();
                throw e;
            }
        }

        private void open() throws SQLException {
            if (connection == null) {
                connection = dataSource.getConnection();
                ConnectionLimits.limit(connection, dialect, WRITE_TIMEOUT_MILLIS);
                insert = connection.prepareStatement(INSERT);
            }
        }

        private void insertAll(List<TokenRecord> records) throws SQLException {
            for (TokenRecord r : records) {
                bind(r);
                insert.addBatch();
            }
            try {
                insert.executeBatch();
            } finally {
                insert.clearBatch();
            }
        }

        private List<Outcome> insertOneByOne(List<TokenRecord> records) throws SQLException {
            withdrawInDoubt(); // the rollback undid it
            List<Outcome> outcomes = new ArrayList<>(records.size());
            for (TokenRecord r : records) {
                Savepoint before = connection.setSavepoint();
                try {
                    bind(r);
                    insert.executeUpdate();
                    outcomes.add(Outcome.RECORDED);
                } catch (SQLException e) {
                    if (!SqlFailures.isConstraintViolation(e)) {
                        throw e;
                    }
                    connection.rollback(before);
                    outcomes.add(SqlFailures.isForeignKeyViolation(e) ? Outcome.CLIENT_GONE : Outcome.REFUSED);
                }
                connection.releaseSavepoint(before);
            }
            return outcomes;
        }

        /**
         * A commit that fails may still have happened (the connection died after the server
         * committed). Those requests were answered with an error, so their records must not stay:
         * they are deleted in the next transaction that commits.
         */
        private void commit(List<TokenRecord> records) throws SQLException {
            try {
                Jdbc.commit(connection);
                inDoubt.clear();
            } catch (SQLException e) {
                if (dialect == Dialect.POSTGRESQL) {
                    inDoubt.addAll(records);
                }
                throw e;
            }
        }

        private void withdrawInDoubt() throws SQLException {
            if (inDoubt.isEmpty()) {
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tokens WHERE auth_server_id = ? AND client_id = ? AND id = ?")) {
                for (TokenRecord r : inDoubt) {
                    delete.setString(1, r.authServerId().toString());
                    delete.setString(2, r.clientId());
                    delete.setString(3, r.id().toString());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            log.info("withdrew {} token record(s) whose commit had failed", inDoubt.size());
        }

        private void bind(TokenRecord r) throws SQLException {
            insert.setString(1, r.authServerId().toString());
            insert.setString(2, r.id().toString());
            insert.setString(3, r.clientId());
            insert.setString(4, JsonColumns.write(r.grantedScopeNames()));
            insert.setLong(5, r.createdAt());
            insert.setLong(6, r.expiresAt());
        }

        /** A batch failure's cause is in the first of its chained exceptions. */
        private static SQLException firstOf(SQLException e) {
            if (e instanceof BatchUpdateException && e.getNextException() != null) {
                return e.getNextException();
            }
            return e;
        }

        /**
         * After a failure the connection's state is unknown (a failed begin, commit or rollback):
         * it leaves the pool for good, whatever else fails, so the pool never runs dry and never
         * hands out a connection that is outside the transaction it believes it is in.
         */
        private void discard() {
            Connection c = connection;
            connection = null;
            insert = null;
            if (c != null) {
                PooledConnections.discard(dataSource, c);
            }
        }

        /** Gives a healthy connection back to the pool (the writer only holds one between batches). */
        @Override
        public void close() {
            Connection c = connection;
            connection = null;
            insert = null;
            if (c == null) {
                return;
            }
            try {
                ConnectionLimits.reset(c, dialect);
                c.close();
            } catch (SQLException | RuntimeException e) {
                log.debug("token writer connection discarded on close: {}", e.getMessage());
                PooledConnections.discard(dataSource, c);
            }
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
        return jdbc.inTransaction(tx -> revoke(tx, authServerId, clientId, id, nowMicros));
    }

    /** {@link #revoke(UUID, String, UUID, long)} in the caller's transaction. */
    public Optional<Long> revoke(Tx tx, UUID authServerId, String clientId, UUID id, long nowMicros) {
        Optional<Long> expires = tx.queryOne("SELECT expires_at FROM tokens WHERE auth_server_id = ? AND client_id = ? "
                        + "AND id = ? AND revoked_at IS NULL AND expires_at > ?", rs -> rs.getLong(1),
                authServerId.toString(), clientId, id.toString(), nowMicros);
        expires.ifPresent(e -> tx.update("UPDATE tokens SET revoked_at = ? WHERE auth_server_id = ? AND client_id = ? AND id = ?",
                nowMicros, authServerId.toString(), clientId, id.toString()));
        return expires;
    }

    /** Marks every live token of a client revoked; returns (id, expiry µs) of each. */
    public List<Revoked> revokeAll(UUID authServerId, String clientId, long nowMicros) {
        return jdbc.inTransaction(tx -> revokeAll(tx, authServerId, clientId, nowMicros));
    }

    /** {@link #revokeAll(UUID, String, long)} in the caller's transaction. */
    public List<Revoked> revokeAll(Tx tx, UUID authServerId, String clientId, long nowMicros) {
        List<Revoked> live = tx.query("SELECT auth_server_id, id, expires_at FROM tokens WHERE auth_server_id = ? "
                        + "AND client_id = ? AND revoked_at IS NULL AND expires_at > ?", TokenRepository::revoked,
                authServerId.toString(), clientId, nowMicros);
        tx.update("UPDATE tokens SET revoked_at = ? WHERE auth_server_id = ? AND client_id = ? AND revoked_at IS NULL",
                nowMicros, authServerId.toString(), clientId);
        return live;
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
        // PostgreSQL drops whole daily partitions (TokenPartitions, which rolls their recent records
        // into the activity counts first); only its default partition, which has an expiry index of
        // its own, is purged row by row. RETURNING names exactly the rows removed, so the activity
        // counts take each of them once.
        String table = jdbc.dialect() == Dialect.POSTGRESQL ? "tokens_default" : "tokens";
        int removed = jdbc.inTransaction(tx -> {
            List<TokenActivity.Removed> gone = tx.query("DELETE FROM " + table + " WHERE (auth_server_id, client_id, id) IN "
                    + "(SELECT auth_server_id, client_id, id FROM " + table + " WHERE expires_at < ? LIMIT ?) "
                    + "RETURNING auth_server_id, client_id, created_at",
                    rs -> new TokenActivity.Removed(rs.getString(1), rs.getString(2), rs.getLong(3)), cutoffMicros, limit);
            TokenActivity.rollUp(tx, gone, Timestamps.nowMicros());
            return gone.size();
        });
        if (removed < limit) {
            // The deleted clients' token ids too, once their tokens have expired.
            removed += jdbc.update("DELETE FROM deleted_client_tokens WHERE (auth_server_id, client_id, id) IN "
                    + "(SELECT auth_server_id, client_id, id FROM deleted_client_tokens WHERE expires_at < ? LIMIT ?)",
                    cutoffMicros, limit - removed);
        }
        return removed;
    }

    /**
     * Within a client's deletion: keeps the ids of its unexpired tokens (revoked or not) in
     * {@code deleted_client_tokens}, since their records cascade away with the client, and
     * returns them.
     */
    public List<Revoked> keepLiveTokensOfDeletedClient(Tx tx, UUID authServerId, String clientId, long nowMicros) {
        List<Revoked> live = tx.query("SELECT auth_server_id, id, expires_at FROM tokens "
                + "WHERE auth_server_id = ? AND client_id = ? AND expires_at > ?", TokenRepository::revoked,
                authServerId.toString(), clientId, nowMicros);
        tx.batch("INSERT INTO deleted_client_tokens (auth_server_id, client_id, id, expires_at, deleted_at) "
                + "VALUES (?, ?, ?, ?, ?)", live.stream().map(r -> new Object[]{authServerId.toString(), clientId,
                r.id().toString(), r.expiresAt(), nowMicros}).toList());
        return live;
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
