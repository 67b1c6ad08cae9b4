package dev.tessera.oauth.clientauth;

import dev.tessera.crypto.SecretHasher;
import dev.tessera.crypto.SlowHashBusyException;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client authentication at the token, introspection and revocation endpoints:
 * {@code client_secret_basic} or {@code client_secret_post} (RFC 6749 §2.3.1), against any of
 * the client's enabled secrets. Every failure is the same 401 {@code invalid_client}, after the
 * same work whether the client exists or not; why it failed goes only to the summarised log and
 * to the {@code tessera_client_auth_failures_total} metric. Sources and client ids that keep
 * failing get 429 {@code slow_down} before any hashing ({@link FailureThrottle}).
 */
public final class ClientAuthenticator {
    private static final String FAILED = "client authentication failed";

    /** Why an authentication was refused: the {@code reason} tag of the metric and the log. */
    enum Reason {
        NO_CREDENTIALS, UNKNOWN_CLIENT, PUBLIC_CLIENT, WRONG_SECRET, THROTTLED_SOURCE, THROTTLED_CLIENT, SLOW_HASH_BUSY;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    private final SecretHasher hasher;
    private final FailureThrottle throttle;
    private final FailureLog failureLog;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ClientAuthenticator(SecretHasher hasher, FailureThrottle throttle, FailureLog failureLog, MeterRegistry metrics) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.failureLog = failureLog;
        this.metrics = metrics;
    }

    public ClientEntry authenticate(AuthServerConfig config, FormRequest form) {
        String serverId = config.server().id().toString();
        String source = form.source();
        Optional<FormRequest.BasicCredentials> basic = form.basic();
        Optional<String> postId = form.get("client_id");
        Optional<String> postSecret = form.get("client_secret");
        boolean usedBasic = basic.isPresent();
        String id;
        String secret;
        if (basic.isPresent()) {
            if (postSecret.isPresent()) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "use only one client authentication method");
            }
            id = basic.get().clientId();
            secret = basic.get().secret();
            if (postId.isPresent() && !postId.get().equals(id)) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id does not match the authenticated client");
            }
        } else if (postSecret.isPresent() && postId.isPresent()) {
            id = postId.get();
            secret = postSecret.get();
        } else {
            // not a guess: counted and logged, but not throttled
            refused(serverId, postId.orElse("-"), source, Reason.NO_CREDENTIALS);
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, null, false);
        }
        Optional<FailureThrottle.Refusal> refusal = throttle.check(serverId, id, source);
        if (refusal.isPresent()) {
            boolean bySource = refusal.get().limit() == FailureThrottle.Limit.SOURCE;
            refused(serverId, id, source, bySource ? Reason.THROTTLED_SOURCE : Reason.THROTTLED_CLIENT);
            throw new OAuthException(OAuthError.SLOW_DOWN, bySource
                    ? "too many failed client authentications from this address; retry later"
                    : "too many failed authentications for this client; retry later", refusal.get().retryAfterSeconds());
        }
        ClientEntry entry = config.clients().get(id);
        boolean confidential = entry != null && !"none".equals(entry.client().tokenEndpointAuthMethod());
        boolean ok;
        try {
            // an unknown or public client is checked against no hashes: the hasher then spends the same
            // slow work as for a wrong secret, so timing does not tell which ids exist
            ok = hasher.matchesAny(secret, confidential ? entry.secretHashes() : List.of());
        } catch (SlowHashBusyException e) {
            refused(serverId, id, source, Reason.SLOW_HASH_BUSY);
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "too many client authentications in progress; retry later", 1);
        }
        if (!ok) {
            Reason reason = entry == null ? Reason.UNKNOWN_CLIENT : confidential ? Reason.WRONG_SECRET : Reason.PUBLIC_CLIENT;
            throttle.failed(serverId, id, source);
            refused(serverId, id, source, reason);
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, null, usedBasic);
        }
        throttle.succeeded(serverId, id, source);
        return entry;
    }

    private void refused(String serverId, String clientId, String source, Reason reason) {
        counters.computeIfAbsent(serverId + "|" + reason.tag, k -> Counter.builder("tessera.client.auth.failures")
                .description("refused client authentications, by auth server and reason")
                .tag("auth_server", serverId).tag("reason", reason.tag).register(metrics)).increment();
        failureLog.record(serverId, clientId, source, reason.tag);
    }
}
