package dev.tessera.token;

import dev.tessera.store.Database;
import dev.tessera.store.DatabaseAvailability;
import dev.tessera.store.DatabaseUnavailableException;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One group commit holds a record whose client was deleted a moment earlier and a record of
 * another client: only the first request fails (its client is gone), the other is recorded.
 */
class TokenLogBatchTest {

    @BothBackends
    void aRecordForADeletedClientFailsOnlyItsOwnRequest(Backend backend) throws Exception {
        TestServer server = Servers.get(backend);
        OAuthFixture f = new OAuthFixture(server, "http://api.test");
        String doomed = f.client(List.of(), Map.of()).clientId;
        String kept = f.client(List.of(), Map.of()).clientId;
        UUID serverId = UUID.fromString(f.serverId);
        Database db = server.app().database();

        CountDownLatch writerHolding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstBatch = new AtomicBoolean(true);
        Runnable holdFirstBatch = () -> {
            if (firstBatch.getAndSet(false)) {
                writerHolding.countDown();
                awaitQuietly(release);
            }
        };
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try (TokenLog log = new TokenLog(new TokenRepository(db.jdbc()), new DatabaseAvailability(db), holdFirstBatch,
                TokenLog.CLAIM_WAIT_MILLIS)) {
            TokenRecord doomedRecord = record(serverId, doomed);
            TokenRecord keptRecord = record(serverId, kept);
            Future<?> doomedRequest = requests.submit(() -> log.append(doomedRecord));
            assertThat(writerHolding.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds the first record
            Future<?> keptRequest = requests.submit(() -> log.append(keptRecord));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.queued() < 1) { // the second record waits in the queue: both go into one batch
                assertThat(System.nanoTime()).as("second record queued").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(db.jdbc().update("DELETE FROM clients WHERE auth_server_id = ? AND id = ?", f.serverId, doomed))
                    .isEqualTo(1);
            release.countDown();

            assertThatThrownBy(() -> doomedRequest.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ClientGoneException.class);
            keptRequest.get(10, TimeUnit.SECONDS);
            assertThat(count(db, keptRecord)).isEqualTo(1);
            assertThat(count(db, doomedRecord)).isZero();
        } finally {
            release.countDown();
            requests.shutdownNow();
        }
    }

    /**
     * Requests that stopped waiting (and were answered with an error) withdraw their records: when
     * the writer gets to them later, it skips them, and only later requests are recorded.
     */
    @BothBackends
    void aRequestThatGaveUpLeavesNoRecordWhenTheWriterCatchesUp(Backend backend) throws Exception {
        TestServer server = Servers.get(backend);
        OAuthFixture f = new OAuthFixture(server, "http://api.test").client(List.of(), Map.of());
        UUID serverId = UUID.fromString(f.serverId);
        Database db = server.app().database();

        CountDownLatch writerHolding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstBatch = new AtomicBoolean(true);
        Runnable holdFirstBatch = () -> {
            if (firstBatch.getAndSet(false)) {
                writerHolding.countDown();
                awaitQuietly(release); // a writer stuck on a database that does not answer
            }
        };
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try (TokenLog log = new TokenLog(new TokenRepository(db.jdbc()), new DatabaseAvailability(db), holdFirstBatch, 200)) {
            TokenRecord held = record(serverId, f.clientId);
            TokenRecord queued = record(serverId, f.clientId);
            Future<?> heldRequest = requests.submit(() -> log.append(held));
            assertThat(writerHolding.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> queuedRequest = requests.submit(() -> log.append(queued));

            // Both give up and are answered with an error while the writer is stuck.
            assertThatThrownBy(() -> heldRequest.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DatabaseUnavailableException.class);
            assertThatThrownBy(() -> queuedRequest.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DatabaseUnavailableException.class);
            release.countDown();

            TokenRecord later = record(serverId, f.clientId);
            log.append(later); // the writer is free again: this one is recorded, after the withdrawn ones
            assertThat(count(db, later)).isEqualTo(1);
            assertThat(count(db, held)).isZero();
            assertThat(count(db, queued)).isZero();
        } finally {
            release.countDown();
            requests.shutdownNow();
        }
    }

    private static TokenRecord record(UUID serverId, String clientId) {
        long now = System.currentTimeMillis() * 1000;
        return new TokenRecord(serverId, TokenIds.next(), clientId, List.of(), now, now + 300_000_000L);
    }

    private static long count(Database db, TokenRecord r) {
        return db.jdbc().count("SELECT COUNT(*) FROM tokens WHERE auth_server_id = ? AND client_id = ? AND id = ?",
                r.authServerId().toString(), r.clientId(), r.id().toString());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
