package dev.tessera.token;

import dev.tessera.client.Client;
import dev.tessera.store.DataAccessException;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL only: the daily partitions of the tokens table (migration V12), one per UTC day of
 * expiry, named {@code tokens_pYYYYMMDD}. They are created ahead, through the longest token
 * lifetime, so that every new record lands in one; a partition whose day ended more than the
 * purge's grace ago holds only expired records and is dropped whole.
 *
 * <p>Records outside the daily partitions sit in {@code tokens_default} (those copied by the
 * migration, or issued after no node ran for days). PostgreSQL refuses a new partition whose
 * range the default partition has rows in, so such rows are moved into the new partition in the
 * same transaction that attaches it.
 *
 * <p>Partition DDL takes a short exclusive lock on the tokens table, which would hold up the token
 * writer behind it; the lock wait is therefore bounded and a partition that could not be made or
 * dropped now is retried by the next purge run, minutes later, long before it is needed.
 */
public final class TokenPartitions {
    private static final Logger log = LoggerFactory.getLogger(TokenPartitions.class);
    static final long DAY_MICROS = TimeUnit.DAYS.toMicros(1);
    /** Partitions exist from today through this many days ahead: the longest token lifetime and a day to spare. */
    static final int DAYS_AHEAD = Client.MAX_DURATION / 86_400 + 2;
    static final String PREFIX = "tokens_p";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '500ms'";
    /** Nodes changing partitions at the same moment take turns. */
    private static final String TURN = "SELECT pg_advisory_xact_lock(hashtext('tessera token partitions ' || current_schema()))";

    private final Jdbc jdbc;

    public TokenPartitions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the missing daily partitions from {@code nowMicros}' day through {@link #DAYS_AHEAD}
     * days after it; returns how many. A new token expires a minute or more after it is issued,
     * so no earlier day is needed.
     */
    public int ensure(long nowMicros) {
        LocalDate today = day(nowMicros);
        Set<String> existing = names();
        int created = 0;
        for (LocalDate d = today; !d.isAfter(today.plusDays(DAYS_AHEAD)); d = d.plusDays(1)) {
            if (!existing.contains(name(d)) && create(d)) {
                created++;
            }
        }
        if (created > 0) {
            log.info("created {} daily token partition(s)", created);
        }
        return created;
    }

    /** Drops the daily partitions whose day ended at or before {@code cutoffMicros}; returns how many. */
    public int dropEndedBefore(long cutoffMicros) {
        int dropped = 0;
        for (String name : names()) {
            Optional<LocalDate> d = dayOf(name);
            if (d.isPresent() && start(d.get().plusDays(1)) <= cutoffMicros && drop(name)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            log.info("dropped {} daily token partition(s) of expired records", dropped);
        }
        return dropped;
    }

    /** The daily partitions that exist, by name, oldest first. */
    public Set<String> names() {
        List<String> names = jdbc.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'tokens'::regclass", rs -> rs.getString(1));
        Set<String> daily = new TreeSet<>();
        for (String n : names) {
            if (dayOf(n).isPresent()) {
                daily.add(n);
            }
        }
        return daily;
    }

    private boolean create(LocalDate d) {
        String name = name(d);
        long from = start(d);
        long to = start(d.plusDays(1));
        try {
            return jdbc.inTransaction(tx -> {
                prepare(tx);
                if (tx.count("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'tokens'::regclass "
                        + "AND inhrelid = to_regclass(?)", name) > 0) {
                    return false; // another node made it a moment ago
                }
                long strays = tx.count("SELECT COUNT(*) FROM tokens_default WHERE expires_at >= ? AND expires_at < ?", from, to);
                if (strays == 0) {
                    tx.update("CREATE TABLE " + name + " PARTITION OF tokens FOR VALUES FROM (" + from + ") TO (" + to + ")");
                } else {
                    tx.update("CREATE TABLE " + name + " (LIKE tokens INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                    tx.update("INSERT INTO " + name + " SELECT * FROM tokens_default WHERE expires_at >= ? AND expires_at < ?", from, to);
                    tx.update("DELETE FROM tokens_default WHERE expires_at >= ? AND expires_at < ?", from, to);
                    tx.update("ALTER TABLE tokens ATTACH PARTITION " + name + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
                    log.info("moved {} token record(s) from tokens_default into the new partition {}", strays, name);
                }
                return true;
            });
        } catch (DataAccessException e) {
            log.warn("could not create token partition {} now (retried with the next purge): {}", name, e.getMessage());
            return false;
        }
    }

    private boolean drop(String name) {
        try {
            jdbc.inTransaction(tx -> {
                prepare(tx);
                // The console's activity counts outlive the records: the recent ones are rolled up
                // in the transaction that drops them, as the row-by-row purge does.
                List<TokenActivity.Removed> recent = tx.query("SELECT auth_server_id, client_id, created_at FROM " + name
                                + " WHERE created_at >= ?",
                        rs -> new TokenActivity.Removed(rs.getString(1), rs.getString(2), rs.getLong(3)),
                        Timestamps.nowMicros() - TokenActivity.KEPT);
                TokenActivity.rollUp(tx, recent, Timestamps.nowMicros());
                tx.update("DROP TABLE IF EXISTS " + name);
                return null;
            });
            return true;
        } catch (DataAccessException e) {
            log.warn("could not drop token partition {} now (retried with the next purge): {}", name, e.getMessage());
            return false;
        }
    }

    private static void prepare(Tx tx) {
        tx.update(LOCK_TIMEOUT);
        tx.query(TURN, rs -> null);
    }

    static String name(LocalDate d) {
        return PREFIX + DAY.format(d);
    }

    /** The day a daily partition's name stands for; empty for any other name. */
    static Optional<LocalDate> dayOf(String name) {
        if (!name.startsWith(PREFIX) || name.length() != PREFIX.length() + 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.substring(PREFIX.length()), DAY));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static LocalDate day(long micros) {
        return LocalDate.ofInstant(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static long start(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }
}
