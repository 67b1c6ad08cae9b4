package dev.tessera.login;

import dev.tessera.store.Timestamps;

import java.util.concurrent.TimeUnit;

/**
 * Removes login requests and user grants an hour after they stopped mattering: requests after
 * their expiry, grants after their code expired unused or the access token issued from them
 * expired, refresh tokens after their absolute expiry. Run by the token purger on its schedule.
 */
public final class ExpiredLogins implements Runnable {
    private static final long GRACE_MICROS = TimeUnit.HOURS.toMicros(1);

    private final LoginRequestRepository requests;
    private final UserGrantRepository grants;
    private final RefreshTokenRepository refreshTokens;

    public ExpiredLogins(LoginRequestRepository requests, UserGrantRepository grants, RefreshTokenRepository refreshTokens) {
        this.requests = requests;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public void run() {
        long cutoff = Timestamps.nowMicros() - GRACE_MICROS;
        requests.purgeExpired(cutoff);
        grants.purgeExpired(cutoff);
        refreshTokens.purgeExpired(cutoff);
    }
}
