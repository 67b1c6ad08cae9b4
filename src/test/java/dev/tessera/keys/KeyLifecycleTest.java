package dev.tessera.keys;

import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.MutableClock;
import dev.tessera.support.StorageFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key lifecycle on both databases, with time moved by hand. */
class KeyLifecycleTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration LEAD = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(START);

    private KeyLifecycle lifecycle(StorageFixture db) {
        SigningKeyStore store = new SigningKeyStore(db.jdbc, new KeyPairs(StorageFixture.CRYPTO),
                new KeyEncryption(new byte[32], StorageFixture.CRYPTO), clock);
        return new KeyLifecycle(store, LEAD, SKEW);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private UUID serverWithKey(StorageFixture db, KeyLifecycle keys, Integer rotationDays) {
        AuthServer server = db.authServerWithoutKey();
        db.jdbc.execute(keys.prepareCreation(server.id(), KeyAlgorithm.RS256));
        if (rotationDays != null) {
            db.jdbc.update("UPDATE auth_servers SET key_rotation_period_days = ? WHERE id = ?", rotationDays, server.id().toString());
        }
        return server.id();
    }

    private static List<String> states(KeyLifecycle keys, UUID server) {
        return keys.store().list(server).stream().map(k -> k.alg().joseName() + " " + k.state().wire()).toList();
    }

    @BothBackends
    void aScheduledRotationPublishesTheKeyALeadTimeAheadAndKeepsTheOldOneUntilItsTokensExpire(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle keys = lifecycle(db);
            UUID server = serverWithKey(db, keys, 30);
            Client client = db.client(server, "c"); // tokens of 300 s
            String first = keys.store().list(server).getFirst().kid();

            clock.advance(Duration.ofDays(30).minus(LEAD).minusSeconds(1));
            assertThat(keys.runDueSteps()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(keys.runDueSteps()).containsExactly(server);
            KeyInfo next = keys.store().list(server).getFirst();
            assertThat(next.state()).isEqualTo(KeyState.NEXT);
            assertThat(next.activatesAt()).isEqualTo(micros(START.plus(Duration.ofDays(30))));
            assertThat(keys.store().published(server)).extracting(k -> k.key().kid() + " " + k.state())
                    .containsExactly(first + " ACTIVE", next.kid() + " NEXT");

            // A token recorded with a later expiry than any client's lifetime keeps the old key longer.
            Instant rotation = START.plus(Duration.ofDays(30));
            long lastExpiry = micros(rotation.plusSeconds(600));
            db.jdbc.update("INSERT INTO tokens (auth_server_id, id, client_id, scopes, created_at, expires_at) VALUES (?, ?, ?, '[]', ?, ?)",
                    server.toString(), UUID.randomUUID().toString(), client.id(), micros(rotation), lastExpiry);

            clock.advance(LEAD.minusSeconds(1));
            assertThat(keys.runDueSteps()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(keys.runDueSteps()).containsExactly(server);
            assertThat(keys.store().published(server)).extracting(k -> k.key().kid() + " " + k.state())
                    .containsExactly(next.kid() + " ACTIVE", first + " RETIRED");
            KeyInfo retired = keys.store().find(server, first).orElseThrow();
            assertThat(retired.retiresAt()).isEqualTo(micros(rotation));
            assertThat(retired.removesAt()).isEqualTo(lastExpiry + SKEW.toNanos() / 1000);

            clock.advance(Duration.ofSeconds(600).plus(SKEW).minusSeconds(1));
            assertThat(keys.runDueSteps()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(keys.runDueSteps()).containsExactly(server);
            assertThat(states(keys, server)).containsExactly("RS256 active");
        }
    }

    @BothBackends
    void aRetiredKeyStaysForTheLongestClientTokenLifetimeWhenNoTokenIsRecorded(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle keys = lifecycle(db);
            UUID server = serverWithKey(db, keys, null);
            db.client(server, "c");
            clock.advance(Duration.ofSeconds(1));
            keys.rotate(server, KeyAlgorithm.RS256, false);
            clock.advance(LEAD);
            keys.runDueSteps();
            KeyInfo retired = keys.store().list(server).stream().filter(k -> k.state() == KeyState.RETIRED).findFirst().orElseThrow();
            assertThat(retired.removesAt()).isEqualTo(micros(START.plusSeconds(1).plus(LEAD).plusSeconds(300).plus(SKEW)));
        }
    }

    @BothBackends
    void aSecondScheduledRotationIsRefusedAndChangesNothing(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle keys = lifecycle(db);
            UUID server = serverWithKey(db, keys, null);
            clock.advance(Duration.ofSeconds(1));
            keys.rotate(server, KeyAlgorithm.RS256, false);
            List<KeyInfo> before = keys.store().list(server);
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> keys.rotate(server, KeyAlgorithm.ES256, false)).isInstanceOf(KeyConflictException.class);
            assertThat(keys.store().list(server)).extracting(KeyInfo::kid).isEqualTo(before.stream().map(KeyInfo::kid).toList());
        }
    }

    @BothBackends
    void anImmediateRotationDeletesTheActiveKeyAndPromotesThePublishedNextKey(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle keys = lifecycle(db);
            UUID server = serverWithKey(db, keys, null);
            String compromised = keys.store().list(server).getFirst().kid();
            clock.advance(Duration.ofSeconds(1));
            keys.rotate(server, KeyAlgorithm.RS256, false);
            String next = keys.store().list(server).getFirst().kid();
            keys.rotate(server, KeyAlgorithm.RS256, true);
            assertThat(keys.store().list(server)).extracting(k -> k.kid() + " " + k.state().wire())
                    .containsExactly(next + " active");
            assertThat(keys.store().find(server, compromised)).isEmpty();
            // Without a next key, a fresh key takes over at once.
            clock.advance(Duration.ofSeconds(1));
            keys.rotate(server, KeyAlgorithm.EdDSA, true);
            assertThat(states(keys, server)).containsExactly("EdDSA active");
        }
    }

    @BothBackends
    void changingTheAlgorithmRotatesToAKeyOfTheNewTypeThroughTheLifecycle(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle keys = lifecycle(db);
            UUID server = serverWithKey(db, keys, null);
            clock.advance(Duration.ofSeconds(1));
            db.jdbc.execute(keys.prepareAlgorithmChange(server, KeyAlgorithm.ES256));
            assertThat(states(keys, server)).containsExactly("ES256 next", "RS256 active");
            // Changing again before it activates replaces the pending key; back to RS256 drops it.
            clock.advance(Duration.ofSeconds(1));
            db.jdbc.execute(keys.prepareAlgorithmChange(server, KeyAlgorithm.ES384));
            assertThat(states(keys, server)).containsExactly("ES384 next", "RS256 active");
            clock.advance(Duration.ofSeconds(1));
            db.jdbc.execute(keys.prepareAlgorithmChange(server, KeyAlgorithm.RS256));
            assertThat(states(keys, server)).containsExactly("RS256 active");
            clock.advance(Duration.ofSeconds(1));
            db.jdbc.execute(keys.prepareAlgorithmChange(server, KeyAlgorithm.ES256));
            clock.advance(LEAD);
            keys.runDueSteps();
            assertThat(states(keys, server)).containsExactly("ES256 active", "RS256 retired");
        }
    }

    @BothBackends
    void twoNodesRunningTheSameStepAtOnceActivateTheKeyOnce(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            KeyLifecycle nodeA = lifecycle(db);
            KeyLifecycle nodeB = lifecycle(db);
            UUID server = serverWithKey(db, nodeA, null);
            clock.advance(Duration.ofSeconds(1));
            nodeA.rotate(server, KeyAlgorithm.RS256, false);
            clock.advance(LEAD);
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                Future<Set<UUID>> a = nodes.submit(() -> {
                    together.await();
                    return nodeA.runDueSteps();
                });
                Future<Set<UUID>> b = nodes.submit(() -> {
                    together.await();
                    return nodeB.runDueSteps();
                });
                a.get(60, TimeUnit.SECONDS);
                b.get(60, TimeUnit.SECONDS);
            }
            assertThat(nodeA.activationsPerformed() + nodeB.activationsPerformed()).isEqualTo(1);
            assertThat(states(nodeA, server)).containsExactly("RS256 active", "RS256 retired");
        }
    }
}
