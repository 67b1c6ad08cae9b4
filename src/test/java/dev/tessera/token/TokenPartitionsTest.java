package dev.tessera.token;

import dev.tessera.client.Client;
import dev.tessera.store.Timestamps;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Daily token partitions on the real PostgreSQL (migration V12); SQLite keeps its one table. */
class TokenPartitionsTest {
    private static final long HOUR = TimeUnit.HOURS.toMicros(1);

    @BothBackends
    void tokensArePartitionedByExpiryOnPostgresOnly(Backend backend) {
        try (StorageFixture fx = StorageFixture.open(backend)) {
            if (backend == Backend.POSTGRESQL) {
                assertThat(fx.jdbc.query("SELECT relkind FROM pg_class WHERE oid = 'tokens'::regclass",
                        rs -> rs.getString(1))).containsExactly("p");
            } else {
                assertThat(fx.jdbc.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'tokens_by_expiry'"))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void partitionsAreMadeFromTodayThroughTheLongestTokenLifetime() {
        try (StorageFixture fx = StorageFixture.open(Backend.POSTGRESQL)) {
            TokenPartitions partitions = new TokenPartitions(fx.jdbc);
            long now = Timestamps.nowMicros();

            assertThat(partitions.ensure(now)).isEqualTo(TokenPartitions.DAYS_AHEAD + 1);
            assertThat(partitions.ensure(now)).isZero();

            assertThat(partitions.names()).isEqualTo(days(TokenPartitions.day(now), TokenPartitions.DAYS_AHEAD + 1));
            Writer w = new Writer(fx);
            long longest = now + TimeUnit.SECONDS.toMicros(Client.MAX_DURATION);
            UUID id = w.record(now, longest);
            assertThat(w.partitionOf(id)).isEqualTo(TokenPartitions.name(TokenPartitions.day(longest)));
        }
    }

    @Test
    void aPartitionWhoseDayEndedAnHourAgoIsDroppedWithItsRecords() {
        try (StorageFixture fx = StorageFixture.open(Backend.POSTGRESQL)) {
            LocalDate today = TokenPartitions.day(Timestamps.nowMicros());
            long noon = TokenPartitions.start(today) + 12 * HOUR;
            long fiveDaysAgo = noon - TimeUnit.DAYS.toMicros(5);
            TokenPartitions partitions = new TokenPartitions(fx.jdbc);
            partitions.ensure(fiveDaysAgo);
            Writer w = new Writer(fx);
            List<UUID> old = w.records(500, fiveDaysAgo - HOUR, fiveDaysAgo);
            UUID expiredThisMorning = w.record(noon - 3 * HOUR, noon - 2 * HOUR);
            UUID live = w.record(noon, noon + HOUR);
            String oldPartition = TokenPartitions.name(TokenPartitions.day(fiveDaysAgo));
            assertThat(w.partitionOf(old.getFirst())).isEqualTo(oldPartition);

            int removedOneByOne = new TokenPurger(new TokenRepository(fx.jdbc), partitions).purgeAt(noon);

            assertThat(removedOneByOne).isZero();
            assertThat(partitions.names()).isEqualTo(days(today, TokenPartitions.DAYS_AHEAD + 1));
            assertThat(fx.jdbc.count("SELECT COUNT(*) FROM tokens WHERE expires_at < ?", noon - 3 * HOUR)).isZero();
            // Today's partition stays until the day is over: its expired records go with it.
            assertThat(w.partitionOf(expiredThisMorning)).isEqualTo(TokenPartitions.name(today));
            assertThat(w.partitionOf(live)).isEqualTo(TokenPartitions.name(today));
        }
    }

    @Test
    void aNewPartitionTakesOverTheRecordsOfItsDayFromTheDefaultPartition() {
        try (StorageFixture fx = StorageFixture.open(Backend.POSTGRESQL)) {
            long now = Timestamps.nowMicros();
            long inThreeDays = now + TimeUnit.DAYS.toMicros(3);
            Writer w = new Writer(fx);
            UUID stray = w.record(now, inThreeDays); // no daily partition yet, as right after the migration
            assertThat(w.partitionOf(stray)).isEqualTo("tokens_default");

            new TokenPartitions(fx.jdbc).ensure(now);

            assertThat(w.partitionOf(stray)).isEqualTo(TokenPartitions.name(TokenPartitions.day(inThreeDays)));
            assertThat(fx.jdbc.count("SELECT COUNT(*) FROM tokens_default")).isZero();
        }
    }

    private static Set<String> days(LocalDate first, int count) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            names.add(TokenPartitions.name(first.plusDays(i)));
        }
        return names;
    }

    @Test
    void aDroppedPartitionsRecentRecordsStayInTheActivityCounts() {
        try (StorageFixture fx = StorageFixture.open(Backend.POSTGRESQL)) {
            LocalDate today = TokenPartitions.day(Timestamps.nowMicros());
            long midnight = TokenPartitions.start(today);
            TokenPartitions partitions = new TokenPartitions(fx.jdbc);
            partitions.ensure(midnight - TimeUnit.DAYS.toMicros(3));
            Writer w = new Writer(fx);
            // Issued late yesterday (under 25 hours ago whatever the time now), expired yesterday.
            w.records(3, midnight - 30 * TimeUnit.MINUTES.toMicros(1), midnight - 15 * TimeUnit.MINUTES.toMicros(1));
            // Issued three days ago: too old for any activity window.
            w.records(2, midnight - TimeUnit.DAYS.toMicros(3), midnight - TimeUnit.DAYS.toMicros(3) + HOUR);

            new TokenPurger(new TokenRepository(fx.jdbc), partitions).purgeAt(midnight + 2 * HOUR);

            assertThat(partitions.names()).doesNotContain(TokenPartitions.name(today.minusDays(1)));
            assertThat(fx.jdbc.count("SELECT COALESCE(SUM(issued), 0) FROM token_issuance_counts WHERE client_id = ?",
                    w.clientId)).isEqualTo(3);
        }
    }

    /** Writes token records for one client through the token log's writer. */
    private static final class Writer {
        private final StorageFixture fx;
        private final UUID authServerId;
        private final String clientId;

        Writer(StorageFixture fx) {
            this.fx = fx;
            this.authServerId = fx.authServerWithoutKey().id();
            this.clientId = fx.client(authServerId, "c").id();
        }

        UUID record(long createdAt, long expiresAt) {
            return records(1, createdAt, expiresAt).getFirst();
        }

        List<UUID> records(int n, long createdAt, long expiresAt) {
            List<UUID> ids = new ArrayList<>();
            List<TokenRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                records.add(new TokenRecord(authServerId, id, clientId, List.of(), createdAt, expiresAt));
            }
            try (TokenRepository.Writer w = new TokenRepository(fx.jdbc).openWriter()) {
                assertThat(w.write(records)).containsOnly(TokenRepository.Outcome.RECORDED).hasSize(n);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return ids;
        }

        String partitionOf(UUID id) {
            return fx.jdbc.queryOne("SELECT tableoid::regclass::text FROM tokens WHERE id = ?", rs -> rs.getString(1),
                    id.toString()).orElse("(none)");
        }
    }
}
