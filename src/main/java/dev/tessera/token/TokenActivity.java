package dev.tessera.token;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How many tokens an auth server's clients were issued, per time bucket, over the last hour or
 * day. Live token records are counted where they are; records the purge has removed were added
 * to {@code token_issuance_counts} (per minute) in the purge's own transaction, so each token is
 * counted exactly once. Windows end on a whole minute, so both kinds of count fall into the same bucket.
 */
public final class TokenActivity {
    static final long MINUTE = TimeUnit.MINUTES.toMicros(1);
    /** Purged counts are kept this long: the longest window plus the purge's own delay. */
    static final long KEPT = TimeUnit.HOURS.toMicros(25);

    /** A window and its buckets: the hour in 12 five-minute buckets, the day in 24 hours. */
    public enum Window {
        HOUR(TimeUnit.HOURS.toMicros(1), TimeUnit.MINUTES.toMicros(5)),
        DAY(TimeUnit.DAYS.toMicros(1), TimeUnit.HOURS.toMicros(1));

        public final long length;
        public final long bucket;

        Window(long length, long bucket) {
            this.length = length;
            this.bucket = bucket;
        }

        public int buckets() {
            return (int) (length / bucket);
        }
    }

    /** Counts per client, oldest bucket first; bucket {@code i} starts at {@code from + i * window.bucket}. */
    public record Counts(Window window, long from, long to, Map<String, long[]> byClient) {
        public long[] total() {
            long[] sum = new long[window.buckets()];
            byClient.values().forEach(c -> {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            });
            return sum;
        }
    }

    private final Jdbc jdbc;

    public TokenActivity(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The window ends at the next whole minute after {@code nowMicros}, so its buckets start on
     * whole minutes and the per-minute counts of purged records fall into exactly one of them.
     */
    public Counts count(UUID authServerId, Window window, long nowMicros) {
        long to = Math.floorDiv(nowMicros + MINUTE - 1, MINUTE) * MINUTE;
        long from = to - window.length;
        record Row(String clientId, long bucket, long count) {
        }
        // The bucket is computed in a subquery: PostgreSQL cannot match a GROUP BY expression with parameters.
        List<Row> rows = jdbc.read(tx -> {
            List<Row> all = new ArrayList<>(tx.query("SELECT client_id, bucket, COUNT(*) FROM (SELECT client_id, "
                            + "(created_at - ?) / ? AS bucket FROM tokens WHERE auth_server_id = ? AND created_at >= ? AND created_at < ?) b "
                            + "GROUP BY client_id, bucket",
                    rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                    from, window.bucket, authServerId.toString(), from, to));
            all.addAll(tx.query("SELECT client_id, bucket, SUM(issued) FROM (SELECT client_id, (minute * ? - ?) / ? AS bucket, "
                            + "issued FROM token_issuance_counts WHERE auth_server_id = ? AND minute >= ? AND minute < ?) b "
                            + "GROUP BY client_id, bucket",
                    rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                    MINUTE, from, window.bucket, authServerId.toString(), from / MINUTE, to / MINUTE));
            return all;
        });
        Map<String, long[]> byClient = new TreeMap<>();
        for (Row row : rows) {
            if (row.bucket() >= 0 && row.bucket() < window.buckets()) {
                byClient.computeIfAbsent(row.clientId(), k -> new long[window.buckets()])[(int) row.bucket()] += row.count();
            }
        }
        return new Counts(window, from, to, byClient);
    }

    /** One removed token record, as far as counting is concerned. */
    record Removed(String authServerId, String clientId, long createdAt) {
    }

    /**
     * Within the purge's transaction: adds the removed records to the per-minute counts (those
     * recent enough for a window) and drops counts older than any window.
     */
    static void rollUp(Tx tx, List<Removed> removed, long nowMicros) {
        long keepFrom = nowMicros - KEPT;
        Map<List<Object>, Long> perMinute = new HashMap<>();
        for (Removed r : removed) {
            if (r.createdAt() >= keepFrom) {
                perMinute.merge(List.of(r.authServerId(), r.clientId(), Math.floorDiv(r.createdAt(), MINUTE)), 1L, Long::sum);
            }
        }
        tx.batch("INSERT INTO token_issuance_counts (auth_server_id, client_id, minute, issued) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (auth_server_id, client_id, minute) DO UPDATE SET issued = token_issuance_counts.issued + excluded.issued",
                perMinute.entrySet().stream().map(e -> new Object[]{e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()})
                        .toList());
        tx.update("DELETE FROM token_issuance_counts WHERE minute < ?", Math.floorDiv(keepFrom, MINUTE));
    }
}
