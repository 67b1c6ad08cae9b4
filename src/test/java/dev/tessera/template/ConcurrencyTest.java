package dev.tessera.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One parsed template is shared by all request threads. */
class ConcurrencyTest {

    @Test
    void oneTemplateEvaluatesConcurrentlyFromSeveralThreads() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse(
                "{\"aud\":\"${ .AuthServer.Audience }\",\"n\":${ len (randAlphaNum 8) },"
                        + "\"tier\":\"${ .Client.Labels.tier | upper }\",\"at\":\"${ date \"2006\" .AuthServer.CreatedAt }\"}");
        Map<String, Object> ctx = Templates.context();
        Map<String, Object> expected = Map.of("aud", "https://api.example.com/payments", "n", 8L, "tier", "GOLD", "at", "2024");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        if (expected.equals(t.evaluate(ctx))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
