package dev.tessera.token;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdsTest {

    @Test
    void idsAreVersion7UuidsOrderedByTime() {
        UUID early = TokenIds.next(1_700_000_000_000L);
        UUID late = TokenIds.next(1_700_000_000_001L);
        assertThat(early.version()).isEqualTo(7);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.toString().compareTo(late.toString())).isNegative();
        assertThat(early.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void idsAreUniqueWithinOneMillisecond() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(TokenIds.next(42L))).isTrue();
        }
    }
}
