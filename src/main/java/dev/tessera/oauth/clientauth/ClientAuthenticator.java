package dev.tessera.oauth.clientauth;

import dev.tessera.client.Client;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.crypto.SlowHashBusyException;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.oauth.clientauth.assertion.ClientAssertionVerifier;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client authentication at the token, introspection and revocation endpoints:
 * {@code client_secret_basic} or {@code client_secret_post} (RFC 6749 §2.3.1), against any of
 * the client's enabled secrets, or a signed assertion for {@code client_secret_jwt} and
 * {@code private_key_jwt} clients (RFC 7523 §2.2, see {@link ClientAssertionVerifier}). A client
 * authenticates only by the kind of method it is registered for: a secret for the two secret
 * methods, an assertion for the two JWT methods. Every failed secret is the same 401
 * {@code invalid_client}, after the same work whether the client exists or not; why it failed goes
 * only to the summarised log and to the {@code tessera_client_auth_failures_total} metric. Sources and client ids that keep
 * failing get 429 {@code slow_down} before any hashing ({@link FailureThrottle}).
 */
public final class ClientAuthenticator {
    private static final String FAILED = "client authentication failed";
    private static final Set<String> SECRET_METHODS = Set.of("client_secret_post", "client_secret_basic");
    private static final Set<String> JWT_METHODS = Set.of(Client.SECRET_JWT, Client.PRIVATE_KEY_JWT);

    /** Why an authentication was refused: the {@code reason} tag of the metric and the log. */
    enum Reason {
        NO_CREDENTIALS, UNKNOWN_CLIENT, PUBLIC_CLIENT, WRONG_SECRET, THROTTLED_SOURCE, THROTTLED_CLIENT, SLOW_HASH_BUSY,
        WRONG_METHOD, BAD_ASSERTION, REPLAYED_ASSERTION, CLIENT_KEYS_UNAVAILABLE;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    private final SecretHasher hasher;
    private final FailureThrottle throttle;
    private final FailureLog failureLog;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ClientAssertionVerifier assertions;

    public ClientAuthenticator(SecretHasher hasher, FailureThrottle throttle, FailureLog failureLog, MeterRegistry metrics,
                               ClientAssertionVerifier assertions) {
        this.assertions = assertions;
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
        if (form.get("client_assertion").isPresent() || form.get("client_assertion_type").isPresent()) {
            if (basic.isPresent() || postSecret.isPresent()) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "use only one client authentication method");
            }
            return authenticateAssertion(config, form, postId);
        }
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
        checkThrottle(serverId, id, source);
        ClientEntry entry = config.clients().get(id);
        boolean confidential = entry != null && SECRET_METHODS.contains(entry.client().tokenEndpointAuthMethod());
        boolean ok;
        try {
            // an unknown or public client, or one that must use an assertion, is checked against no hashes:
            // the hasher then spends the same slow work as for a wrong secret, so timing does not tell which ids exist
            ok = hasher.matchesAny(secret, confidential ? entry.secretHashes() : List.of());
        } catch (SlowHashBusyException e) {
            refused(serverId, id, source, Reason.SLOW_HASH_BUSY);
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "too many client authentications in progress; retry later", 1);
        }
        if (!ok) {
            Reason reason = entry == null ? Reason.UNKNOWN_CLIENT : confidential ? Reason.WRONG_SECRET
                    : "none".equals(entry.client().tokenEndpointAuthMethod()) ? Reason.PUBLIC_CLIENT : Reason.WRONG_METHOD;
            throttle.failed(serverId, id, source);
            refused(serverId, id, source, reason);
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED, null, usedBasic);
        }
        throttle.succeeded(serverId, id, source);
        return entry;
    }

    /**
     * An assertion — RFC 7521 §4.2 with RFC 7523 §2.2: its client is named by its iss claim. Its
     * refusals are counted in the throttle like wrong secrets and say what was wrong: the caller
     * holds a signed assertion, not a guess, so naming the failed check gives away nothing secret.
     */
    private ClientEntry authenticateAssertion(AuthServerConfig config, FormRequest form, Optional<String> postId) {
        String serverId = config.server().id().toString();
        String source = form.source();
        // client_assertion_type and client_assertion (REQUIRED together) — RFC 7521 §4.2
        String type = form.get("client_assertion_type").orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST,
                "client_assertion_type is required with client_assertion"));
        if (!ClientAssertionVerifier.JWT_BEARER.equals(type)) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "client_assertion_type must be "
                    + ClientAssertionVerifier.JWT_BEARER);
        }
        String assertion = form.get("client_assertion").orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST,
                "client_assertion is required with client_assertion_type"));
        ClientAssertionVerifier.Parsed parsed;
        try {
            parsed = ClientAssertionVerifier.parse(assertion);
        } catch (ClientAssertionVerifier.Refused e) {
            String id = postId.orElse("-");
            checkThrottle(serverId, id, source);
            throw assertionFailed(serverId, id, source, Reason.BAD_ASSERTION, e.getMessage());
        }
        String id = parsed.clientId();
        if (postId.isPresent() && !postId.get().equals(id)) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id does not match the client_assertion's iss");
        }
        checkThrottle(serverId, id, source);
        ClientEntry entry = config.clients().get(id);
        if (entry == null || !JWT_METHODS.contains(entry.client().tokenEndpointAuthMethod())) {
            // one answer for both, so assertions do not tell which secret-method client ids exist (a JWT client's id
            // shows in the later, more specific answers; client ids are not secrets, RFC 6749 §2.2)
            throw assertionFailed(serverId, id, source, entry == null ? Reason.UNKNOWN_CLIENT : Reason.WRONG_METHOD,
                    "client_assertion's iss is not a client registered for client_secret_jwt or private_key_jwt");
        }
        try {
            assertions.verify(config, entry, parsed);
        } catch (ClientAssertionVerifier.Refused e) {
            Reason reason = switch (e.kind()) {
                case INVALID -> Reason.BAD_ASSERTION;
                case REPLAYED -> Reason.REPLAYED_ASSERTION;
                case KEYS_UNAVAILABLE -> Reason.CLIENT_KEYS_UNAVAILABLE;
            };
            throw assertionFailed(serverId, id, source, reason, e.getMessage());
        }
        throttle.succeeded(serverId, id, source);
        return entry;
    }

    private OAuthException assertionFailed(String serverId, String clientId, String source, Reason reason, String description) {
        if (reason != Reason.CLIENT_KEYS_UNAVAILABLE) { // the client's server is down: not a guess
            throttle.failed(serverId, clientId, source);
        }
        refused(serverId, clientId, source, reason);
        return new OAuthException(OAuthError.INVALID_CLIENT, description, null, false);
    }

    /** Before any verification work: sources and client ids that keep failing get 429 {@code slow_down}. */
    private void checkThrottle(String serverId, String id, String source) {
        Optional<FailureThrottle.Refusal> refusal = throttle.check(serverId, id, source);
        if (refusal.isPresent()) {
            boolean bySource = refusal.get().limit() == FailureThrottle.Limit.SOURCE;
            refused(serverId, id, source, bySource ? Reason.THROTTLED_SOURCE : Reason.THROTTLED_CLIENT);
            throw new OAuthException(OAuthError.SLOW_DOWN, bySource
                    ? "too many failed client authentications from this address; retry later"
                    : "too many failed authentications for this client; retry later", refusal.get().retryAfterSeconds());
        }
    }

    private void refused(String serverId, String clientId, String source, Reason reason) {
        counters.computeIfAbsent(serverId + "|" + reason.tag, k -> Counter.builder("tessera.client.auth.failures")
                .description("refused client authentications, by auth server and reason")
                .tag("auth_server", serverId).tag("reason", reason.tag).register(metrics)).increment();
        failureLog.record(serverId, clientId, source, reason.tag);
    }
}
