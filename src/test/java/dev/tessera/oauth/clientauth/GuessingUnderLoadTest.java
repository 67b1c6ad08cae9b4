package dev.tessera.oauth.clientauth;

import dev.tessera.support.Backend;
import dev.tessera.support.FromAddress;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded attack on loopback: four threads guess the secret of a client with an operator-supplied
 * (PBKDF2) secret for a few seconds, moving to a fresh source address whenever one is throttled,
 * while a legitimate source keeps getting tokens for that client and for a client with a generated
 * secret. Default limits. Prints the legitimate side's latency with and without the attack.
 */
class GuessingUnderLoadTest {
    private static final long ATTACK_MILLIS = 4000;
    private static final int ATTACKERS = 4;
    private static final int MAX_GUESSES_PER_ATTACKER = 2000;

    @Test
    void legitimateClientsKeepGettingTokensWhileAClientIsGuessedFromManySources() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            OAuthFixture generated = new OAuthFixture(server, "api://load").client(List.of(), Map.of());
            String suppliedId = "migrated-client";
            String suppliedSecret = "Summer2024!";
            var put = server.http.put(generated.admin("/clients/" + suppliedId), json("name", "migrated",
                    "grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                    "client_secret", suppliedSecret));
            assertThat(put.status()).as(put.toString()).isEqualTo(201);

            FromAddress legitimate = new FromAddress("127.0.0.3");
            String tokenUrl = generated.issuer + "/oauth/token";
            String generatedForm = form("grant_type", "client_credentials", "client_id", generated.clientId,
                    "client_secret", generated.clientSecret);
            String suppliedForm = form("grant_type", "client_credentials", "client_id", suppliedId,
                    "client_secret", suppliedSecret);
            // the supplied secret's first (slow) check happens before the attack; later ones are one HMAC
            assertThat(legitimate.postForm(tokenUrl, null, suppliedForm).status()).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                legitimate.postForm(tokenUrl, null, generatedForm);
            }

            Side quiet = legitimateSide(legitimate, tokenUrl, generatedForm, suppliedForm, 100, null);

            AtomicBoolean stop = new AtomicBoolean();
            Map<Integer, AtomicInteger> attackStatuses = new ConcurrentHashMap<>();
            AtomicInteger nextAddress = new AtomicInteger(10);
            CountDownLatch started = new CountDownLatch(ATTACKERS);
            List<Thread> attackers = new ArrayList<>();
            for (int t = 0; t < ATTACKERS; t++) {
                int thread = t;
                attackers.add(Thread.ofPlatform().start(() -> {
                    FromAddress from = new FromAddress("127.0.1." + nextAddress.getAndIncrement());
                    started.countDown();
                    for (int i = 0; i < MAX_GUESSES_PER_ATTACKER && !stop.get(); i++) {
                        Http.Response r = from.postForm(tokenUrl, null, form("grant_type", "client_credentials",
                                "client_id", suppliedId, "client_secret", "guess-" + thread + "-" + i));
                        attackStatuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.status() == 429) {
                            from = new FromAddress("127.0.1." + nextAddress.getAndIncrement());
                        }
                    }
                }));
            }
            started.await();
            long until = System.currentTimeMillis() + ATTACK_MILLIS;
            Side attacked = legitimateSide(legitimate, tokenUrl, generatedForm, suppliedForm, Integer.MAX_VALUE, until);
            stop.set(true);
            for (Thread a : attackers) {
                a.join();
            }

            System.out.printf("guessing under load: quiet %s; under attack %s; attacker statuses %s, sources used %d%n",
                    quiet, attacked, attackStatuses, nextAddress.get() - 10);
            assertThat(quiet.failures).isZero();
            assertThat(attacked.failures).as("every legitimate request succeeded during the attack").isZero();
            assertThat(attacked.latencies).hasSizeGreaterThan(10);
            assertThat(attackStatuses).doesNotContainKey(200);
            assertThat(attackStatuses.keySet()).as("guesses were answered 401, 429 or 503 only").isSubsetOf(401, 429, 503);
        }
    }

    /** Sequential token requests, alternating between the two clients, until {@code count} or the deadline. */
    private static Side legitimateSide(FromAddress from, String url, String generatedForm, String suppliedForm,
                                       int count, Long untilMillis) {
        Side side = new Side();
        for (int i = 0; i < count && (untilMillis == null || System.currentTimeMillis() < untilMillis); i++) {
            long start = System.nanoTime();
            int status = from.postForm(url, null, i % 2 == 0 ? generatedForm : suppliedForm).status();
            side.latencies.add((System.nanoTime() - start) / 1_000_000.0);
            if (status != 200) {
                side.failures++;
            }
        }
        return side;
    }

    private static final class Side {
        final List<Double> latencies = new ArrayList<>();
        int failures;

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        @Override
        public String toString() {
            return String.format("%d requests, %d not 200, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                    latencies.size(), failures, percentile(0.5), percentile(0.9), percentile(0.99), percentile(1.0));
        }
    }
}
