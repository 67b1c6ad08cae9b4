package dev.tessera.oauth.clientauth;

import dev.tessera.support.MutableClock;
import dev.tessera.config.ClientAuthLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's windows, moved by a test clock instead of sleeps, and its memory bound. */
class FailureThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailureThrottle throttle = new FailureThrottle(
            new ClientAuthLimits(3, 5, Duration.ofSeconds(60), 1, Duration.ZERO), clock);

    @Test
    void aSourceIsRefusedForTheRestOfTheWindowAfterItsLimitThenMayTryAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check("as", "c", "10.0.0.1")).isEmpty();
            throttle.failed("as", "c", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(20));
        var refusal = throttle.check("as", "other-client", "10.0.0.1").orElseThrow();
        assertThat(refusal.limit()).isEqualTo(FailureThrottle.Limit.SOURCE);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(40);
        assertThat(throttle.check("as", "c", "10.0.0.2")).as("another source").isEmpty();

        clock.advance(Duration.ofSeconds(39).plusMillis(500));
        assertThat(throttle.check("as", "c", "10.0.0.1").orElseThrow().retryAfterSeconds()).as("rounded up").isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.check("as", "c", "10.0.0.1")).as("window over").isEmpty();
        throttle.failed("as", "c", "10.0.0.1");
        assertThat(throttle.check("as", "c", "10.0.0.1")).as("a new window counts from zero").isEmpty();
    }

    @Test
    void aClientUnderAttackIsRefusedOnlyToSourcesThatHaveNotAuthenticatedAsIt() {
        throttle.succeeded("as", "c", "10.0.0.9");
        for (int s = 1; s <= 5; s++) {
            throttle.failed("as", "c", "192.0.2." + s); // one failure per source: below the source limit
        }
        var refusal = throttle.check("as", "c", "192.0.2.77").orElseThrow();
        assertThat(refusal.limit()).isEqualTo(FailureThrottle.Limit.CLIENT);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(60);
        assertThat(throttle.check("as", "c", "10.0.0.9")).as("its own machine").isEmpty();
        assertThat(throttle.check("other-as", "c", "192.0.2.77")).as("same id in another auth server").isEmpty();
        assertThat(throttle.check("as", "d", "192.0.2.77")).as("another client").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.check("as", "c", "192.0.2.77")).isEmpty();
    }

    @Test
    void memoryStaysBoundedWhateverIdsAndAddressesAnAttackerSends() {
        int n = FailureThrottle.MAX_TRACKED * 2;
        String longId = "x".repeat(500);
        for (int i = 0; i < n; i++) {
            throttle.failed("as", longId + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2L * FailureThrottle.MAX_TRACKED);
    }
}
