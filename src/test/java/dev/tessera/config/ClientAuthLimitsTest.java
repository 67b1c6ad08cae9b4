package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAuthLimitsTest {

    @Test
    void defaultsLimitGuessingWithoutConfiguration() {
        ClientAuthLimits l = TesseraConfig.from(Map.of()).clientAuth();
        assertThat(l.failuresPerSource()).isEqualTo(30);
        assertThat(l.failuresPerClient()).isEqualTo(100);
        assertThat(l.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(l.slowHashConcurrency()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(l.slowHashWait()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void valuesAreReadAndBadOnesRefused() {
        ClientAuthLimits l = TesseraConfig.from(Map.of("TESSERA_AUTH_FAILURES_PER_SOURCE", "5",
                "TESSERA_AUTH_FAILURES_PER_CLIENT", "50", "TESSERA_AUTH_FAILURE_WINDOW_SECONDS", "300",
                "TESSERA_SLOW_HASH_CONCURRENCY", "3", "TESSERA_SLOW_HASH_WAIT_MS", "0")).clientAuth();
        assertThat(l).isEqualTo(new ClientAuthLimits(5, 50, Duration.ofSeconds(300), 3, Duration.ZERO));
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_AUTH_FAILURES_PER_SOURCE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TESSERA_AUTH_FAILURES_PER_SOURCE must be between 1 and 1000000, not 0");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_SLOW_HASH_CONCURRENCY", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TESSERA_SLOW_HASH_CONCURRENCY must be a whole number, not 'many'");
    }
}
