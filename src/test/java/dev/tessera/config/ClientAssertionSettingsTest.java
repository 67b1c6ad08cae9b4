package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAssertionSettingsTest {

    @Test
    void defaultsAndOverridesAreRead() {
        assertThat(TesseraConfig.from(Map.of()).clientAssertions()).isEqualTo(ClientAssertionSettings.defaults());
        ClientAssertionSettings s = TesseraConfig.from(Map.of("TESSERA_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS", "60",
                "TESSERA_CLIENT_ASSERTION_CLOCK_SKEW_SECONDS", "5", "TESSERA_JWKS_URI_CACHE_SECONDS", "600",
                "TESSERA_JWKS_URI_REFETCH_SECONDS", "10", "TESSERA_JWKS_URI_TIMEOUT_MS", "1500",
                "TESSERA_JWKS_URI_MAX_BYTES", "8192", "TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS", "true")).clientAssertions();
        assertThat(s).isEqualTo(new ClientAssertionSettings(Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(600), Duration.ofSeconds(10), Duration.ofMillis(1500), 8192, true));
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TESSERA_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS must be between 10 and 3600, not 0");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_JWKS_URI_TIMEOUT_MS", "soon")))
                .isInstanceOf(ConfigException.class).hasMessage("TESSERA_JWKS_URI_TIMEOUT_MS must be a whole number, not 'soon'");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS must be true or false, not 'yes'");
    }
}
