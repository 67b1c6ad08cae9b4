package dev.tessera.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database side of change delivery on PostgreSQL: triggers on every table whose rows nodes
 * hold in memory. In the transaction that changes such rows, whoever writes them, a trigger
 * bumps {@code change_counter} and queues a {@code pg_notify} that PostgreSQL delivers only if
 * and when that transaction commits. A change and its notification therefore cannot part.
 *
 * <p>Messages are {@code version|config|authServerId}, {@code version|client|authServerId|clientId}
 * or {@code version|revoked|jti|expiresAtMicros} (a token revoked, or kept dead in
 * {@code deleted_client_tokens} when its client was deleted). The channel is named after the schema, so
 * deployments (or test runs) sharing a database in different schemas do not hear each other.
 *
 * <p>The triggers are PostgreSQL-only (the Flyway migrations run on SQLite too, where one node
 * needs none), so the change bus installs them at start-up, under an advisory lock, when they
 * are missing or differ from this version's.
 */
final class PostgresChangeTriggers {
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeTriggers.class);
    private static final String PREFIX = "tessera_changes_";

    /** A table whose rows nodes hold in memory, and the columns naming the auth server (and client). */
    private record Watched(String table, String serverColumn, String clientColumn) {
    }

    private static final List<Watched> WATCHED = List.of(
            new Watched("auth_servers", "id", ""),
            new Watched("auth_server_labels", "auth_server_id", ""),
            new Watched("scopes", "auth_server_id", ""),
            new Watched("claims", "auth_server_id", ""),
            new Watched("claim_scopes", "auth_server_id", ""),
            new Watched("signing_keys", "auth_server_id", ""),
            new Watched("clients", "auth_server_id", "id"),
            new Watched("client_labels", "auth_server_id", "client_id"),
            new Watched("client_scopes", "auth_server_id", "client_id"),
            new Watched("client_secrets", "auth_server_id", "client_id"));

    private PostgresChangeTriggers() {
    }

    /** The channel for a schema: readable when the name fits PostgreSQL's 63 bytes, else hashed. */
    static String channelFor(String schema) {
        String readable = PREFIX + schema.toLowerCase(java.util.Locale.ROOT);
        if (readable.length() <= 63 && readable.matches("[a-z0-9_]+")) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Installs (or updates) the triggers for this schema; returns the channel they notify on. */
    static String install(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String schema = currentSchema(c);
            String channel = channelFor(schema);
            String changed = changedFunction(schema, channel);
            String revoked = revokedFunction(schema, channel);
            String deleted = deletedTokensFunction(schema, channel);
            if (installed(c, schema, changed, deleted, revoked)) {
                return channel;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Nodes starting together install one after the other.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('tessera change triggers ' || current_schema()))");
                s.execute(changed);
                s.execute(revoked);
                s.execute(deleted);
                for (Watched w : WATCHED) {
                    for (String event : List.of("INSERT", "UPDATE", "DELETE")) {
                        s.execute(trigger(w, event));
                    }
                }
                s.execute("CREATE OR REPLACE TRIGGER tessera_revoked AFTER UPDATE ON tokens "
                        + "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
                        + "FOR EACH STATEMENT EXECUTE FUNCTION tessera_revoked()");
                s.execute("CREATE OR REPLACE TRIGGER tessera_deleted_tokens AFTER INSERT ON deleted_client_tokens "
                        + "REFERENCING NEW TABLE AS new_rows "
                        + "FOR EACH STATEMENT EXECUTE FUNCTION tessera_deleted_tokens()");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            log.info("installed change notification triggers in schema {} (channel {})", schema, channel);
            return channel;
        }
    }

    private static boolean installed(Connection c, String schema, String changed, String deleted, String revoked)
            throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND t.tgname LIKE 'tessera\\_%'), "
                + "(SELECT string_agg(p.prosrc, '|' ORDER BY p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = ? AND p.proname IN ('tessera_changed', 'tessera_deleted_tokens', 'tessera_revoked'))";
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String bodies = rs.getString(2);
                return rs.getInt(1) == WATCHED.size() * 3 + 2
                        && (body(changed) + "|" + body(deleted) + "|" + body(revoked)).equals(bodies);
            }
        }
    }

    private static String body(String function) {
        return function.substring(function.indexOf("$body$") + 6, function.lastIndexOf("$body$"));
    }

    private static String trigger(Watched w, String event) {
        String transition = switch (event) {
            case "INSERT" -> "REFERENCING NEW TABLE AS new_rows";
            case "DELETE" -> "REFERENCING OLD TABLE AS old_rows";
            default -> "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows";
        };
        return "CREATE OR REPLACE TRIGGER tessera_" + event.toLowerCase(java.util.Locale.ROOT) + "_" + w.table()
                + " AFTER " + event + " ON " + w.table() + " " + transition
                + " FOR EACH STATEMENT EXECUTE FUNCTION tessera_changed('" + w.serverColumn() + "', '" + w.clientColumn() + "')";
    }

    /**
     * One notification per auth server the statement touched: {@code client} when it touched one
     * client of it (the node re-reads that client), {@code config} otherwise (the node drops the
     * whole snapshot). Nothing, not even a counter bump, for a statement that touched no row.
     */
    private static String changedFunction(String schema, String channel) {
        return """
                CREATE OR REPLACE FUNCTION tessera_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
                DECLARE
                    touched TEXT := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                                               WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                                               ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
                    client_column TEXT := NULLIF(TG_ARGV[1], '');
                    v BIGINT;
                    r RECORD;
                BEGIN
                    FOR r IN EXECUTE format('SELECT %%I AS server, count(DISTINCT %%s) AS clients, min(%%s) AS client FROM (%%s) t GROUP BY 1',
                            TG_ARGV[0], coalesce(quote_ident(client_column), 'NULL::text'),
                            coalesce(quote_ident(client_column), 'NULL::text'), touched) LOOP
                        IF v IS NULL THEN
                            UPDATE %1$s.change_counter SET version = change_counter.version + 1 WHERE id = 1
                                RETURNING change_counter.version INTO v;
                        END IF;
                        IF r.clients = 1 THEN
                            PERFORM pg_notify('%2$s', v || '|client|' || r.server || '|' || r.client);
                        ELSE
                            PERFORM pg_notify('%2$s', v || '|config|' || r.server);
                        END IF;
                    END LOOP;
                    RETURN NULL;
                END
                $body$""".formatted(quoteIdent(schema), channel);
    }

    /** One notification per token whose {@code revoked_at} the statement set. */
    private static String revokedFunction(String schema, String channel) {
        return revokedTokensFunction("tessera_revoked", """
                SELECT n.id, n.expires_at FROM new_rows n JOIN old_rows o
                             ON o.auth_server_id = n.auth_server_id AND o.client_id = n.client_id AND o.id = n.id
                             WHERE o.revoked_at IS NULL AND n.revoked_at IS NOT NULL""", schema, channel);
    }

    /** One notification per token kept dead because its client was deleted. */
    private static String deletedTokensFunction(String schema, String channel) {
        return revokedTokensFunction("tessera_deleted_tokens", "SELECT n.id, n.expires_at FROM new_rows n", schema, channel);
    }

    /** A trigger function that sends {@code version|revoked|id|expiresAt} for each row of {@code rows}. */
    private static String revokedTokensFunction(String name, String rows, String schema, String channel) {
        return """
                CREATE OR REPLACE FUNCTION %3$s() RETURNS trigger LANGUAGE plpgsql AS $body$
                DECLARE
                    v BIGINT;
                    r RECORD;
                BEGIN
                    FOR r IN %4$s LOOP
                        IF v IS NULL THEN
                            UPDATE %1$s.change_counter SET version = change_counter.version + 1 WHERE id = 1
                                RETURNING change_counter.version INTO v;
                        END IF;
                        PERFORM pg_notify('%2$s', v || '|revoked|' || r.id || '|' || r.expires_at);
                    END LOOP;
                    RETURN NULL;
                END
                $body$""".formatted(quoteIdent(schema), channel, name, rows);
    }

    private static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
