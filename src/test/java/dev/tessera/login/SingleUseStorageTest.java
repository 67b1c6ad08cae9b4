package dev.tessera.login;

import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;
import dev.tessera.token.TokenIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login requests and authorization codes are single use on both backends, also when several
 * attempts (as from several nodes, each with its own connection) are released at once by a barrier.
 */
class SingleUseStorageTest {
    private static final int ATTEMPTS = 8;
    private static final long SECOND = 1_000_000;

    private static AuthorizationRequest request(String clientId) {
        return new AuthorizationRequest(clientId, "https://app.example.com/cb", "code", "query", List.of("openid"),
                "state", "nonce", null, null, null);
    }

    private static UserGrant grant() {
        return new UserGrant("user-1", List.of("openid"), Map.of("name", "One"), 1L, null, List.of("pwd"), "n",
                "https://app.example.com/cb", null);
    }

    @BothBackends
    void aLoginRequestIsDecidedByExactlyOneOfConcurrentAttempts(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client client = db.client(server.id(), "c");
            LoginRequestRepository repo = new LoginRequestRepository(db.jdbc);
            long now = System.currentTimeMillis() * 1000;
            repo.insert("challenge-1", new LoginRequest(server.id(), client.id(), request(client.id()), now, now + 600 * SECOND, null));
            LoginRequest found = repo.find(server.id(), "challenge-1").orElseThrow();
            assertThat(found.request()).isEqualTo(request(client.id()));
            assertThat(found.decidedAt()).isNull();
            assertThat(repo.find(server.id(), "challenge-2")).isEmpty();
            assertThat(repo.find(UUID.randomUUID(), "challenge-1")).isEmpty();

            List<Boolean> outcomes = race(() -> repo.decide(server.id(), "challenge-1", now + SECOND, null));
            assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(repo.find(server.id(), "challenge-1").orElseThrow().decidedAt()).isEqualTo(now + SECOND);
        }
    }

    @BothBackends
    void anExpiredLoginRequestCannotBeDecidedAndAFormPostResponseIsTakenOnce(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client client = db.client(server.id(), "c");
            LoginRequestRepository repo = new LoginRequestRepository(db.jdbc);
            long now = System.currentTimeMillis() * 1000;
            repo.insert("old", new LoginRequest(server.id(), client.id(), request(client.id()), now, now + SECOND, null));
            assertThat(repo.decide(server.id(), "old", now + 2 * SECOND, null)).isFalse();

            repo.insert("fp", new LoginRequest(server.id(), client.id(), request(client.id()), now, now + 600 * SECOND, null));
            assertThat(repo.takeFormPostResponse(server.id(), "fp", now)).isEmpty(); // not decided yet
            assertThat(repo.decide(server.id(), "fp", now, null)).isTrue();
            repo.keepFormPostResponse(server.id(), "fp", Map.of("code", "c1"));
            List<Boolean> taken = race(() -> repo.takeFormPostResponse(server.id(), "fp", now + SECOND)
                    .map(m -> m.get("code").equals("c1")).orElse(false));
            assertThat(taken.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(repo.purgeExpired(now + 3 * SECOND)).isEqualTo(1); // "old" only
            assertThat(repo.find(server.id(), "old")).isEmpty();
        }
    }

    @BothBackends
    void aCodeIsRedeemedOnceAndEveryOtherConcurrentAttemptSeesTheReplay(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client client = db.client(server.id(), "c");
            UserGrantRepository repo = new UserGrantRepository(db.jdbc);
            long now = System.currentTimeMillis() * 1000;
            repo.insert(server.id(), "code-1", client.id(), grant(), now, now + 60 * SECOND, null, now + 60 * SECOND);

            List<UUID> tokenIds = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                tokenIds.add(TokenIds.next());
            }
            List<UserGrantRepository.Redemption> outcomes = raceIndexed(i -> repo.redeem(server.id(), "code-1", client.id(),
                    tokenIds.get(i), now + SECOND, now + 300 * SECOND));
            List<UserGrantRepository.Redemption> redeemed = outcomes.stream()
                    .filter(o -> o instanceof UserGrantRepository.Redemption.Redeemed).toList();
            assertThat(redeemed).hasSize(1);
            assertThat(((UserGrantRepository.Redemption.Redeemed) redeemed.getFirst()).grant()).isEqualTo(grant());
            UUID winner = tokenIds.get(outcomes.indexOf(redeemed.getFirst()));
            assertThat(outcomes).filteredOn(o -> !(o instanceof UserGrantRepository.Redemption.Redeemed))
                    .hasSize(ATTEMPTS - 1)
                    .allSatisfy(o -> assertThat(o).isEqualTo(new UserGrantRepository.Redemption.Replayed(client.id(), winner)));
            // userinfo finds the grant through the token issued from it
            assertThat(repo.byAccessToken(server.id(), client.id(), winner)).contains(grant());
            assertThat(repo.byAccessToken(server.id(), "other", winner)).isEmpty();
        }
    }

    @BothBackends
    void aCodeOfAnotherClientOrPastItsLifetimeIsRefusedWithoutBeingSpent(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client client = db.client(server.id(), "c");
            Client other = db.client(server.id(), "other");
            UserGrantRepository repo = new UserGrantRepository(db.jdbc);
            long now = System.currentTimeMillis() * 1000;
            repo.insert(server.id(), "code-2", client.id(), grant(), now, now + 60 * SECOND, null, now + 60 * SECOND);
            assertThat(repo.redeem(server.id(), "code-2", other.id(), TokenIds.next(), now, now))
                    .isEqualTo(new UserGrantRepository.Redemption.Refused("the authorization code was issued to another client"));
            assertThat(repo.redeem(server.id(), "unknown", client.id(), TokenIds.next(), now, now))
                    .isEqualTo(new UserGrantRepository.Redemption.Refused("the authorization code is unknown"));
            assertThat(repo.redeem(server.id(), "code-2", client.id(), TokenIds.next(), now + 61 * SECOND, now))
                    .isEqualTo(new UserGrantRepository.Redemption.Refused("the authorization code has expired"));
            assertThat(repo.redeem(server.id(), "code-2", client.id(), TokenIds.next(), now + SECOND, now + 2 * SECOND))
                    .isInstanceOf(UserGrantRepository.Redemption.Redeemed.class);
            assertThat(repo.purgeExpired(now + 3 * SECOND)).isEqualTo(1);
        }
    }

    @BothBackends
    void aRefreshTokenRotatesOnceAndItsFamilyDiesTogether(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            Client client = db.client(server.id(), "c");
            RefreshTokenRepository repo = new RefreshTokenRepository(db.jdbc);
            long now = System.currentTimeMillis() * 1000;
            UUID family = UUID.randomUUID();
            UUID firstAccess = TokenIds.next();
            repo.insert(server.id(), "rt-1", family, client.id(), grant(), now, now + 100 * SECOND, now + 50 * SECOND,
                    firstAccess);
            List<RefreshTokenRepository.Rotation> outcomes = race(() -> repo.rotate(server.id(), "rt-1", client.id(),
                    now + SECOND));
            assertThat(outcomes).filteredOn(o -> o instanceof RefreshTokenRepository.Rotation.Rotated).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof RefreshTokenRepository.Rotation.Reused).hasSize(ATTEMPTS - 1);

            assertThat(repo.listLive(server.id(), client.id(), new dev.tessera.store.PageRequest(1, 10, java.util.List.of(),
                    java.util.List.of()), now + SECOND).items()).isEmpty(); // rt-1 is spent
            UUID secondAccess = TokenIds.next();
            repo.insert(server.id(), "rt-2", family, client.id(), grant(), now, now + 100 * SECOND, now + 50 * SECOND,
                    secondAccess);
            var listed = repo.listLive(server.id(), client.id(), new dev.tessera.store.PageRequest(1, 10, java.util.List.of(),
                    java.util.List.of()), now + SECOND).items();
            assertThat(listed).singleElement().satisfies(l -> {
                assertThat(l.familyId()).isEqualTo(family);
                assertThat(l.subject()).isEqualTo("user-1");
                assertThat(l.expiresAt()).isEqualTo(now + 50 * SECOND);
            });
            assertThat(repo.hasLiveFamily(server.id(), client.id(), family, now + SECOND)).isTrue();
            assertThat(repo.rotate(server.id(), "rt-2", "other", now + SECOND))
                    .isEqualTo(new RefreshTokenRepository.Rotation.Refused("the refresh token is unknown"));
            assertThat(repo.rotate(server.id(), "rt-2", client.id(), now + 51 * SECOND))
                    .isEqualTo(new RefreshTokenRepository.Rotation.Refused("the refresh token has expired"));
            assertThat(repo.revokeFamily(server.id(), family, now + 2 * SECOND)).containsExactlyInAnyOrder(firstAccess, secondAccess);
            assertThat(repo.rotate(server.id(), "rt-2", client.id(), now + 3 * SECOND))
                    .isEqualTo(new RefreshTokenRepository.Rotation.Refused("the refresh token was revoked"));
            assertThat(repo.find(server.id(), "rt-2").orElseThrow().activeAt(now + 3 * SECOND)).isFalse();
            assertThat(repo.purgeExpired(now + 101 * SECOND)).isEqualTo(2);
        }
    }

    private static <T> List<T> race(Callable<T> attempt) throws Exception {
        return raceIndexed(i -> attempt.call());
    }

    @FunctionalInterface
    private interface Indexed<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> raceIndexed(Indexed<T> attempt) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(ATTEMPTS);
        ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return attempt.call(index);
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
