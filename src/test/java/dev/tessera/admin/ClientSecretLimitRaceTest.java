package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret limits hold under concurrent requests: each request counts and inserts under a
 * lock on its client, so requests released together cannot all pass the count.
 */
class ClientSecretLimitRaceTest {
    private static final int CONCURRENT = 8;
    private static final int ROUNDS = 4;

    @BothBackends
    void concurrentCreatesNeverEnableMoreThanTwoSecrets(Backend backend) throws Exception {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        for (int round = 0; round < ROUNDS; round++) {
            String base = "/v1/auth-servers/" + as + "/clients/" + fx.client(as, "c" + round, List.of()).text("id") + "/secrets";
            // The client starts with one enabled secret: exactly one more may be enabled.
            List<Integer> statuses = together(i -> http.post(base, json("enabled", true)).status());
            assertThat(statuses).as("round %d", round).containsOnly(201, 403).filteredOn(s -> s == 201).hasSize(1);
            assertThat(enabled(http, base)).isEqualTo(2);
        }
    }

    @BothBackends
    void concurrentEnablesNeverEnableMoreThanTwoSecrets(Backend backend) throws Exception {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        for (int round = 0; round < ROUNDS; round++) {
            String base = "/v1/auth-servers/" + as + "/clients/" + fx.client(as, "c" + round, List.of()).text("id") + "/secrets";
            List<String> disabled = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                disabled.add(http.post(base, json("enabled", false)).text("id"));
            }
            List<Integer> statuses = together(i -> http.patch(base + "/" + disabled.get(i), json("enabled", true)).status());
            assertThat(statuses).as("round %d", round).containsOnly(200, 403).filteredOn(s -> s == 200).hasSize(1);
            assertThat(enabled(http, base)).isEqualTo(2);
        }
    }

    private static int enabled(Http http, String base) {
        return http.get(base + "?filter[enabled]=true").json().path("meta").path("page").path("total").asInt();
    }

    /** Runs the request CONCURRENT times, all released at once by a barrier; returns the statuses. */
    private static List<Integer> together(Function<Integer, Integer> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(CONCURRENT);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.apply(n);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
