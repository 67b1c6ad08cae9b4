package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySettingsTest {

    @Test
    void defaultsPublishAKeyAnHourBeforeItSigns() {
        KeySettings keys = TesseraConfig.from(Map.of()).keys();
        assertThat(keys.leadTime()).isEqualTo(Duration.ofHours(1));
        assertThat(keys.jwksMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(keys.clockSkew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(keys.masterKeyFileIn(Path.of("/data"))).isEqualTo(Path.of("/data/master.key"));
    }

    @Test
    void everyAnnouncedCacheLifetimeMustBeShorterThanTheLeadTime() {
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_KEY_LEAD_TIME_SECONDS", "300")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TESSERA_JWKS_MAX_AGE_SECONDS (300)");
        // Discovery is cached for 60 s whatever the JWKS max-age.
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_KEY_LEAD_TIME_SECONDS", "60",
                "TESSERA_JWKS_MAX_AGE_SECONDS", "10"))).isInstanceOf(ConfigException.class);
        KeySettings ok = TesseraConfig.from(Map.of("TESSERA_KEY_LEAD_TIME_SECONDS", "90", "TESSERA_JWKS_MAX_AGE_SECONDS", "30",
                "TESSERA_MASTER_KEY_FILE", "/secrets/tessera.key")).keys();
        assertThat(ok.leadTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ok.masterKeyFileIn(Path.of("/data"))).isEqualTo(Path.of("/secrets/tessera.key"));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_KEY_CLOCK_SKEW_SECONDS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TESSERA_KEY_CLOCK_SKEW_SECONDS");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_JWKS_MAX_AGE_SECONDS", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TESSERA_JWKS_MAX_AGE_SECONDS");
    }
}
