package dev.tessera.oauth.clientauth.assertion;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A client assertion's jti is accepted once, also under concurrent attempts, on both backends. */
class AssertionJtisTest {

    @BothBackends
    void aJtiIsAcceptedOnceAndOnlyForItsOwnClient(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AssertionJtis jtis = new AssertionJtis(db.jdbc);
            UUID server = UUID.randomUUID();
            assertThat(jtis.firstUse(server, "client-a", "jti-1", 1_000)).isTrue();
            assertThat(jtis.firstUse(server, "client-a", "jti-1", 1_000)).isFalse();
            // the same id chosen by another client, or under another auth server, is another assertion
            assertThat(jtis.firstUse(server, "client-b", "jti-1", 1_000)).isTrue();
            assertThat(jtis.firstUse(UUID.randomUUID(), "client-a", "jti-1", 1_000)).isTrue();
        }
    }

    @BothBackends
    void ofConcurrentUsesOfOneJtiExactlyOneWins(Backend backend) throws Exception {
        int attempts = 8;
        try (StorageFixture db = StorageFixture.open(backend); ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            AssertionJtis jtis = new AssertionJtis(db.jdbc);
            UUID server = UUID.randomUUID();
            CyclicBarrier start = new CyclicBarrier(attempts);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return jtis.firstUse(server, "client", "contested", 5_000);
                }));
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
    }

    @BothBackends
    void expiredJtisArePurgedAndLiveOnesKept(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AssertionJtis jtis = new AssertionJtis(db.jdbc);
            UUID server = UUID.randomUUID();
            jtis.firstUse(server, "c", "old", 1_000);
            jtis.firstUse(server, "c", "live", 3_000);
            assertThat(jtis.purgeExpired(2_000)).isEqualTo(1);
            assertThat(jtis.firstUse(server, "c", "live", 3_000)).isFalse();
            // once purged, the row is gone; the verifier's expiry check (exp + skew) refuses such an assertion anyway
            assertThat(jtis.firstUse(server, "c", "old", 1_000)).isTrue();
        }
    }
}
