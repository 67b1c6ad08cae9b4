package dev.tessera.token;

import dev.tessera.claim.Claim;

import java.util.Set;
import java.util.UUID;

/**
 * The four claim modes (DESIGN §3): which enabled claims go into an access token, and which
 * are served by userinfo instead.
 */
public final class ClaimSelector {
    private ClaimSelector() {
    }

    /**
     * @param grantedScopeIds the scopes granted to this token
     * @param namedScopes     whether the request named any scope
     */
    public static boolean inToken(Claim claim, Set<UUID> grantedScopeIds, boolean namedScopes) {
        if (!claim.enabled() || !claim.includeInToken()) {
            return false;
        }
        if (claim.includeInAllScopes()) {
            return true;
        }
        if (!claim.includeInScopes().isEmpty()) {
            for (UUID id : claim.includeInScopes()) {
                if (grantedScopeIds.contains(id)) {
                    return true;
                }
            }
            return false;
        }
        return !namedScopes;
    }

    /** Claims with {@code include_in_token=false} are served by the userinfo endpoint. */
    public static boolean inUserinfo(Claim claim) {
        return claim.enabled() && !claim.includeInToken();
    }
}
