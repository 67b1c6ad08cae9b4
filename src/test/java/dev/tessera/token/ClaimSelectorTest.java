package dev.tessera.token;

import dev.tessera.claim.Claim;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimSelectorTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private static Claim claim(boolean inToken, boolean allScopes, List<UUID> scopes, boolean enabled) {
        return new Claim(UUID.randomUUID(), UUID.randomUUID(), "c", "v", inToken, allScopes, scopes, enabled, 0, 0);
    }

    @Test
    void includeInAllScopesIsAlwaysInTheToken() {
        Claim c = claim(true, true, List.of(A), true);
        assertThat(ClaimSelector.inToken(c, Set.of(), false)).isTrue();
        assertThat(ClaimSelector.inToken(c, Set.of(B), true)).isTrue();
    }

    @Test
    void scopedClaimsNeedOneOfTheirScopesGranted() {
        Claim c = claim(true, false, List.of(A, B), true);
        assertThat(ClaimSelector.inToken(c, Set.of(B), true)).isTrue();
        assertThat(ClaimSelector.inToken(c, Set.of(), true)).isFalse();
        assertThat(ClaimSelector.inToken(c, Set.of(), false)).isFalse();
    }

    @Test
    void claimsWithoutScopesGoOnlyIntoTokensWhoseRequestNamedNoScope() {
        Claim c = claim(true, false, List.of(), true);
        assertThat(ClaimSelector.inToken(c, Set.of(A), false)).isTrue();
        assertThat(ClaimSelector.inToken(c, Set.of(A), true)).isFalse();
    }

    @Test
    void notInTokenMeansUserinfoAndDisabledMeansNowhere() {
        Claim userinfo = claim(false, true, List.of(), true);
        assertThat(ClaimSelector.inToken(userinfo, Set.of(), false)).isFalse();
        assertThat(ClaimSelector.inUserinfo(userinfo)).isTrue();
        Claim off = claim(true, true, List.of(), false);
        assertThat(ClaimSelector.inToken(off, Set.of(), false)).isFalse();
        assertThat(ClaimSelector.inUserinfo(claim(false, false, List.of(), false))).isFalse();
        assertThat(ClaimSelector.inUserinfo(claim(true, false, List.of(), true))).isFalse();
    }
}
