package dev.tessera.admintoken;

import dev.tessera.support.MutableClock;
import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.Sha256;
import dev.tessera.store.Database;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cache lifetime, last-use writes and keyed hashes, with time as a parameter. */
class AdminTokensTest {
    private static final byte[] KEY = new byte[32];

    @TempDir
    Path dataDir;
    private Database db;
    private Jdbc jdbc;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.open(TesseraConfig.from(Map.of("TESSERA_DATA_DIR", dataDir.toString())));
        db.migrate();
        jdbc = db.jdbc();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AdminTokens node(byte[] key) {
        return new AdminTokens(jdbc, new AdminTokenHasher(key), clock, clock::nanos);
    }

    @Test
    void aTokenRevokedByAnotherNodeIsRefusedOnceTheAcceptedEntryExpires() {
        AdminTokens a = node(KEY);
        AdminTokens b = node(KEY);
        AdminTokens.Created created = a.create("ci", false, AdminToken.Source.API);
        assertThat(b.authenticate(created.value())).isPresent();

        assertThat(a.revoke(created.token().id())).isTrue();
        assertThat(a.authenticate(created.value())).as("the revoking node forgets at once").isEmpty();
        clock.advance(AdminTokens.ACCEPTED_FOR);
        assertThat(b.authenticate(created.value())).as("the other node, one cache lifetime later").isEmpty();
        assertThat(AdminTokens.ACCEPTED_FOR).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        AdminTokens tokens = node(KEY);
        AdminTokens.Created created = tokens.create("ci", false, AdminToken.Source.CLI);
        assertThat(lastUsed(created.token().id())).isNull();

        long first = Timestamps.toMicros(clock.instant());
        tokens.authenticate(created.value());
        assertThat(lastUsed(created.token().id())).isEqualTo(first);

        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(created.value());
        assertThat(lastUsed(created.token().id())).as("no write within the minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        tokens.authenticate(created.value());
        assertThat(lastUsed(created.token().id())).isEqualTo(Timestamps.toMicros(clock.instant()));
    }

    @Test
    void tokensAreStoredAsAHashKeyedByTheMasterKey() {
        AdminTokens.Created created = node(KEY).create("ci", false, AdminToken.Source.CLI);
        String stored = storedHash(created.token().id());
        assertThat(stored).startsWith("hmac-sha256$").doesNotContain(Sha256.base64Url(created.value()));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(node(otherKey).authenticate(created.value())).as("another master key").isEmpty();
        assertThat(node(KEY).authenticate(created.value())).isPresent();
    }

    @Test
    void aLegacyUnsaltedRowIsAcceptedAndRehashedOnFirstUse() {
        String value = "tsr_legacyLegacyLegacyLegacyLegacyLegacy12";
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO admin_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                id.toString(), "old", Sha256.base64Url(value), 1L);

        Optional<AdminToken> token = node(KEY).authenticate(value);
        assertThat(token).map(AdminToken::id).contains(id);
        assertThat(storedHash(id)).isEqualTo(new AdminTokenHasher(KEY).hash(value));
        assertThat(node(KEY).authenticate(value)).as("a fresh node, by the keyed hash").isPresent();
        assertThat(node(KEY).authenticate("tsr_somethingElse")).isEmpty();
    }

    @Test
    void bootstrapCreatesATokenOnlyWhenNoneExists() {
        Optional<String> first = node(KEY).bootstrap(Optional.empty());
        assertThat(first).hasValueSatisfying(v -> assertThat(v).matches("tsr_[A-Za-z0-9]{40}"));
        assertThat(node(KEY).bootstrap(Optional.empty())).isEmpty();
        assertThat(node(KEY).authenticate(first.get())).map(AdminToken::source).contains(AdminToken.Source.BOOTSTRAP);
    }

    @Test
    void theConfiguredTokenFollowsTheVariable() {
        assertThat(node(KEY).bootstrap(Optional.of("configured-one-0123456789"))).isEmpty();
        AdminToken one = node(KEY).authenticate("configured-one-0123456789").orElseThrow();
        assertThat(one.source()).isEqualTo(AdminToken.Source.ENV);
        AdminTokens.Created cli = node(KEY).create("alice", false, AdminToken.Source.CLI);

        node(KEY).bootstrap(Optional.of("configured-two-0123456789"));
        assertThat(node(KEY).authenticate("configured-one-0123456789")).isEmpty();
        assertThat(node(KEY).authenticate("configured-two-0123456789")).isPresent();

        assertThat(node(KEY).bootstrap(Optional.empty())).as("other tokens exist: no new one").isEmpty();
        assertThat(node(KEY).authenticate("configured-two-0123456789")).isEmpty();
        assertThat(node(KEY).authenticate(cli.value())).as("tokens from elsewhere are kept").isPresent();
    }

    /** As stored: read through a fresh node, which has nothing in memory. */
    private Long lastUsed(UUID id) {
        return node(KEY).find(id).orElseThrow().lastUsedAt();
    }

    private String storedHash(UUID id) {
        return jdbc.queryOne("SELECT token_hash FROM admin_tokens WHERE id = ?", rs -> rs.getString(1), id.toString())
                .orElseThrow();
    }
}
