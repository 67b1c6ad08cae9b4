package dev.tessera.admintoken;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.MutableClock;
import dev.tessera.support.StorageFixture;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Console sessions in the database: idle and absolute expiry on a clock the test moves, CSRF tokens. */
class ConsoleSessionsTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIFETIME = Duration.ofHours(8);

    private record Setup(StorageFixture db, MutableClock clock, ConsoleSessions sessions, AdminToken token) {
    }

    private static Setup setup(Backend backend) {
        StorageFixture db = StorageFixture.open(backend);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T09:00:00Z"));
        AdminTokens tokens = new AdminTokens(db.jdbc, new byte[32]);
        AdminToken token = tokens.create("operator", false, AdminToken.Source.CLI).token();
        return new Setup(db, clock, new ConsoleSessions(db.jdbc, new byte[32], IDLE, LIFETIME, clock), token);
    }

    @BothBackends
    void aSessionEndsWhenIdleForTooLong(Backend backend) {
        Setup s = setup(backend);
        try (StorageFixture db = s.db()) {
            String id = s.sessions().open(s.token()).id();
            s.clock().advance(IDLE.minusSeconds(1));
            assertThat(s.sessions().find(id)).isPresent();
            s.clock().advance(IDLE.minusSeconds(1));
            assertThat(s.sessions().find(id)).as("each use restarts the idle time").isPresent();
            s.clock().advance(IDLE);
            assertThat(s.sessions().find(id)).isEmpty();
            assertThat(s.db().jdbc.count("SELECT COUNT(*) FROM console_sessions")).as("an ended session is deleted").isZero();
        }
    }

    @BothBackends
    void aSessionInUseStillEndsAtItsAbsoluteEnd(Backend backend) {
        Setup s = setup(backend);
        try (StorageFixture db = s.db()) {
            ConsoleSessions.Opened opened = s.sessions().open(s.token());
            Duration step = IDLE.dividedBy(2);
            for (Duration used = Duration.ZERO; used.plus(step).compareTo(LIFETIME) < 0; used = used.plus(step)) {
                s.clock().advance(step);
                assertThat(s.sessions().find(opened.id())).isPresent();
            }
            s.clock().advance(step);
            assertThat(s.sessions().find(opened.id())).isEmpty();
        }
    }

    @BothBackends
    void onlyTheHashOfTheSessionIdIsStored(Backend backend) {
        Setup s = setup(backend);
        try (StorageFixture db = s.db()) {
            String id = s.sessions().open(s.token()).id();
            assertThat(id).matches("[A-Za-z0-9_-]{43}");
            assertThat(s.db().jdbc.count("SELECT COUNT(*) FROM console_sessions WHERE id_hash = ?", id)).isZero();
            assertThat(s.sessions().find(id).orElseThrow().token().name()).isEqualTo("operator");
            assertThat(s.sessions().find(id.substring(1) + "A")).isEmpty();
            assertThat(s.sessions().find("short")).isEmpty();
        }
    }

    @BothBackends
    void theCsrfTokenBelongsToOneSession(Backend backend) {
        Setup s = setup(backend);
        try (StorageFixture db = s.db()) {
            String a = s.sessions().open(s.token()).id();
            String b = s.sessions().open(s.token()).id();
            assertThat(s.sessions().csrfTokenMatches(a, s.sessions().csrfToken(a))).isTrue();
            assertThat(s.sessions().csrfTokenMatches(a, s.sessions().csrfToken(b))).isFalse();
            assertThat(s.sessions().csrfTokenMatches(a, null)).isFalse();
            assertThat(s.sessions().csrfTokenMatches(a, "")).isFalse();
            ConsoleSessions otherKey = new ConsoleSessions(s.db().jdbc, new byte[]{1}, IDLE, LIFETIME, s.clock());
            assertThat(otherKey.csrfToken(a)).as("not computable without the master key").isNotEqualTo(s.sessions().csrfToken(a));
        }
    }

    @BothBackends
    void signOutAndTokenRevocationRemoveTheSession(Backend backend) {
        Setup s = setup(backend);
        try (StorageFixture db = s.db()) {
            String id = s.sessions().open(s.token()).id();
            s.sessions().close(id);
            assertThat(s.sessions().find(id)).isEmpty();

            String again = s.sessions().open(s.token()).id();
            new AdminTokens(s.db().jdbc, new byte[32]).revoke(s.token().id());
            assertThat(s.sessions().find(again)).isEmpty();
        }
    }
}
