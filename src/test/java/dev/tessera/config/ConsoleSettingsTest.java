package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleSettingsTest {

    @Test
    void sessionsLastHalfAnHourIdleAndEightHoursAtMostByDefault() {
        ConsoleSettings console = TesseraConfig.from(Map.of()).console();
        assertThat(console.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(console.sessionLifetime()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void bothLimitsCanBeSet() {
        ConsoleSettings console = TesseraConfig.from(Map.of("TESSERA_CONSOLE_SESSION_IDLE_SECONDS", "600",
                "TESSERA_CONSOLE_SESSION_MAX_SECONDS", "3600")).console();
        assertThat(console.sessionIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(console.sessionLifetime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badValuesStopStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_CONSOLE_SESSION_IDLE_SECONDS", "10")))
                .isInstanceOf(ConfigException.class).hasMessage("TESSERA_CONSOLE_SESSION_IDLE_SECONDS must be between 60 and 86400, not 10");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_CONSOLE_SESSION_MAX_SECONDS", "soon")))
                .isInstanceOf(ConfigException.class).hasMessage("TESSERA_CONSOLE_SESSION_MAX_SECONDS must be a whole number, not 'soon'");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_CONSOLE_SESSION_IDLE_SECONDS", "7200",
                "TESSERA_CONSOLE_SESSION_MAX_SECONDS", "3600")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TESSERA_CONSOLE_SESSION_IDLE_SECONDS (7200) must not exceed TESSERA_CONSOLE_SESSION_MAX_SECONDS (3600)");
    }
}
