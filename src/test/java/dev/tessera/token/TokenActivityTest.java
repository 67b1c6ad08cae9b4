package dev.tessera.token;

import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.store.Timestamps;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuance counts per client and bucket, from live token records and from what the purge rolled up. */
class TokenActivityTest {
    private static final long MINUTE = TimeUnit.MINUTES.toMicros(1);

    private static TokenRecord token(AuthServer server, Client client, long createdAt, long expiresAt) {
        return new TokenRecord(server.id(), UUID.randomUUID(), client.id(), List.of(), createdAt, expiresAt);
    }

    private static void write(TokenRepository repo, List<TokenRecord> records) throws Exception {
        try (TokenRepository.Writer writer = repo.openWriter()) {
            assertThat(writer.write(records)).containsOnly(TokenRepository.Outcome.RECORDED);
        }
    }

    @BothBackends
    void tokensAreCountedPerClientInTheBucketOfTheirCreation(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            AuthServer other = db.authServerWithoutKey();
            Client a = db.client(server.id(), "a");
            Client b = db.client(server.id(), "b");
            Client elsewhere = db.client(other.id(), "c");
            TokenRepository repo = new TokenRepository(db.jdbc);
            long now = Timestamps.nowMicros() / MINUTE * MINUTE; // on a whole minute: the window ends here
            long from = now - TimeUnit.HOURS.toMicros(1);
            List<TokenRecord> records = new ArrayList<>();
            records.add(token(server, a, from + MINUTE, now + 300_000_000L));            // bucket 0
            records.add(token(server, a, from + 6 * MINUTE, now + 300_000_000L));        // bucket 1
            records.add(token(server, a, now - MINUTE, now + 300_000_000L));             // bucket 11
            records.add(token(server, b, now - MINUTE, now + 300_000_000L));             // bucket 11
            records.add(token(server, b, from - MINUTE, now + 300_000_000L));            // before the window
            records.add(token(other, elsewhere, now - MINUTE, now + 300_000_000L));      // another auth server
            write(repo, records);

            TokenActivity.Counts hour = new TokenActivity(db.jdbc).count(server.id(), TokenActivity.Window.HOUR, now);

            assertThat(hour.byClient().keySet()).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(hour.byClient().get(a.id())).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
            assertThat(hour.byClient().get(b.id())).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
            assertThat(hour.total()).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2);
            TokenActivity.Counts day = new TokenActivity(db.jdbc).count(server.id(), TokenActivity.Window.DAY, now);
            assertThat(day.total()[23]).isEqualTo(4);
            assertThat(day.total()[22]).as("a minute before the hour").isEqualTo(1);
        }
    }

    @BothBackends
    void purgedTokensStillCountForTheDay(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client a = db.client(server.id(), "a");
            TokenRepository repo = new TokenRepository(db.jdbc);
            long now = Timestamps.nowMicros();
            long threeHoursAgo = now - TimeUnit.HOURS.toMicros(3);
            long twoDaysAgo = now - TimeUnit.DAYS.toMicros(2);
            List<TokenRecord> records = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                records.add(token(server, a, threeHoursAgo, threeHoursAgo + 300_000_000L));
            }
            records.add(token(server, a, twoDaysAgo, twoDaysAgo + 300_000_000L));
            write(repo, records);
            TokenActivity activity = new TokenActivity(db.jdbc);
            long[] before = activity.count(server.id(), TokenActivity.Window.DAY, now).total();

            // Small batches: the counts of one minute are added up across purge transactions.
            int removed = 0;
            int batch;
            do {
                batch = repo.purgeExpired(now - TimeUnit.HOURS.toMicros(1), 3);
                removed += batch;
            } while (batch > 0);

            assertThat(removed).isEqualTo(8);
            assertThat(db.jdbc.count("SELECT COUNT(*) FROM tokens WHERE auth_server_id = ?", server.id().toString())).isZero();
            long[] after = activity.count(server.id(), TokenActivity.Window.DAY, now).total();
            assertThat(after).containsExactly(before);
            assertThat(java.util.Arrays.stream(after).sum()).isEqualTo(7);
            assertThat(db.jdbc.count("SELECT COUNT(*) FROM token_issuance_counts")).as("older than a day: not kept").isEqualTo(1);
        }
    }
}
