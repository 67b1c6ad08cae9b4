package dev.tessera.crypto;

import dev.tessera.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretHasherTest {
    private final SecretHasher hasher = new SecretHasher(new byte[32], 1000);

    @Test
    void generatedSecretsUseAKeyedFastHash() {
        String hash = hasher.hashGenerated("s3cret");
        assertThat(hash).startsWith("hmac-sha256$").doesNotContain("s3cret");
        assertThat(hasher.matches("s3cret", hash)).isTrue();
        assertThat(hasher.matches("s3cret ", hash)).isFalse();
        assertThat(new SecretHasher(new byte[]{1}, 1000).matches("s3cret", hash)).as("other pepper").isFalse();
    }

    @Test
    void suppliedSecretsUseASaltedSlowHashAndAreRememberedAfterSuccess() {
        String hash = hasher.hashSupplied("SecretPassword");
        assertThat(hash).startsWith("pbkdf2-sha256$1000$");
        assertThat(hasher.hashSupplied("SecretPassword")).as("salted").isNotEqualTo(hash);
        assertThat(hasher.matches("SecretPassword", hash)).isTrue();
        assertThat(hasher.matches("SecretPassword", hash)).isTrue();
        assertThat(hasher.matches("secretpassword", hash)).isFalse();
    }

    @Test
    void garbageNeverMatches() {
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches(null, hasher.hashGenerated("x"))).isFalse();
        assertThat(hasher.matches("x", "md5$abc")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$broken")).isFalse();
    }

    @Test
    void masterKeyFileIsCreatedPrivateAndReused(@TempDir Path dir) throws Exception {
        MasterKey first = MasterKey.load(Optional.empty(), dir);
        Path file = dir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MasterKey.load(Optional.empty(), dir).checkValue()).isEqualTo(first.checkValue());
        assertThat(first.derive("a")).isNotEqualTo(first.derive("b"));
    }

    @Test
    void configuredMasterKeyMustBe32Bytes(@TempDir Path dir) {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(MasterKey.load(Optional.of(good), dir).derive("x")).hasSize(32);
        assertThatThrownBy(() -> MasterKey.load(Optional.of("c2hvcnQ="), dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.load(Optional.of("!!not base64!!"), dir)).isInstanceOf(ConfigException.class);
    }
}
