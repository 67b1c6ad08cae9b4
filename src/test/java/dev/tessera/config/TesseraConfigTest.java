package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TesseraConfigTest {

    @Test
    void defaultsWorkOnALaptop() {
        TesseraConfig c = TesseraConfig.from(Map.of());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.databaseUrl()).isEmpty();
        assertThat(c.logFormat()).isEqualTo(TesseraConfig.LogFormat.TEXT);
        assertThat(c.effectivePublicUrl(8080)).isEqualTo("http://localhost:8080");
    }

    @Test
    void valuesAreRead() {
        TesseraConfig c = TesseraConfig.from(Map.of("TESSERA_HTTP_PORT", "9000", "TESSERA_PUBLIC_URL", "https://id.example.com/",
                "TESSERA_LOG_FORMAT", "JSON", "TESSERA_DATABASE_URL", "jdbc:postgresql://db/tessera",
                "TESSERA_ISSUER_DOMAIN", "ID.Example.com"));
        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(c.effectivePublicUrl(9000)).isEqualTo("https://id.example.com");
        assertThat(c.logFormat()).isEqualTo(TesseraConfig.LogFormat.JSON);
        assertThat(c.databaseUrl()).contains("jdbc:postgresql://db/tessera");
        assertThat(c.issuerDomain()).contains("id.example.com");
    }

    @Test
    void unknownOrInvalidSettingsFailWithOneClearLine() {
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting TESSERA_HTTP_PROT");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_HTTP_PORT", "eighty")))
                .hasMessageContaining("TESSERA_HTTP_PORT must be a whole number");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_HTTP_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_LOG_FORMAT", "xml")))
                .hasMessageContaining("text or json");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_DATABASE_URL", "mysql://x")))
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_PUBLIC_URL", "ftp://x")))
                .hasMessageContaining("TESSERA_PUBLIC_URL");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_ADMIN_TOKEN", "short")))
                .hasMessageContaining("TESSERA_ADMIN_TOKEN");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_ISSUER_DOMAIN", "not a domain")))
                .hasMessageContaining("TESSERA_ISSUER_DOMAIN");
    }

    @Test
    void aSeparateAdminListenerIsOptionalAndDefaultsToLoopback() {
        assertThat(TesseraConfig.from(Map.of()).adminListener()).isEmpty();
        assertThat(TesseraConfig.from(Map.of("TESSERA_ADMIN_PORT", "9090")).adminListener())
                .contains(new TesseraConfig.Listener("127.0.0.1", 9090));
        assertThat(TesseraConfig.from(Map.of("TESSERA_ADMIN_PORT", "9090", "TESSERA_ADMIN_HOST", "0.0.0.0")).adminListener())
                .contains(new TesseraConfig.Listener("0.0.0.0", 9090));
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_ADMIN_HOST", "0.0.0.0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TESSERA_ADMIN_PORT");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_ADMIN_PORT", "8080")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> TesseraConfig.from(Map.of("TESSERA_ADMIN_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TESSERA_ADMIN_PORT");
    }
}
