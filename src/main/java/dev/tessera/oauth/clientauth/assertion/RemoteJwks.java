package dev.tessera.oauth.clientauth.assertion;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tessera.client.ClientJwks;
import dev.tessera.config.ClientAssertionSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Public keys of {@code private_key_jwt} clients that publish them at a {@code jwks_uri}. A fetch
 * is strict: https only (plain http only for loopback hosts, for tests and local set-ups), no
 * redirects followed, a connect and read timeout, and a size limit. A document is cached for the
 * configured TTL; an assertion with an unknown {@code kid} may force one early re-fetch (a client
 * that rotated its key), at most once per refetch gap per URL, so assertions with made-up
 * {@code kid}s cannot make Tessera fetch in a loop. A failed fetch is remembered for the same gap.
 */
public final class RemoteJwks {
    /** The fetched keys and when they were fetched. */
    private record Fetched(JWKSet keys, long atMillis) {
    }

    /** Why a client's keys could not be had; the message completes "jwks_uri ...". */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int MAX_URIS = 10_000;
    private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final ClientAssertionSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final Cache<String, Fetched> documents;
    /** When each URL was last fetched (or failed), to space out forced re-fetches. */
    private final Cache<String, Long> lastAttempt;
    private final Cache<String, String> failures;
    private final Object[] stripes = new Object[64];

    public RemoteJwks(ClientAssertionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.jwksTimeout()).build();
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.documents = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(MAX_URIS)
                .expireAfterWrite(settings.jwksCacheTtl()).build();
        this.lastAttempt = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(MAX_URIS)
                .expireAfterWrite(settings.jwksRefetchGap()).build();
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        this.failures = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(MAX_URIS)
                .expireAfterWrite(settings.jwksRefetchGap()).build();
    }

    /** The keys at {@code uri}: cached while fresh, else fetched now. */
    public JWKSet keys(String uri) throws Unavailable {
        Fetched cached = documents.getIfPresent(uri);
        return cached != null ? cached.keys : fetch(uri);
    }

    /**
     * Fetches again because an assertion named a key the cached document lacks; empty when the
     * URL was fetched within the refetch gap (the cached keys are then all there is).
     */
    public java.util.Optional<JWKSet> refreshed(String uri) throws Unavailable {
        if (lastAttempt.getIfPresent(uri) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(fetch(uri));
    }

    private JWKSet fetch(String uri) throws Unavailable {
        // One fetch per URL at a time: concurrent requests for it wait for the same answer. Striped,
        // so a slow URL holds up only the few that share its stripe.
        synchronized (stripes[Math.floorMod(uri.hashCode(), stripes.length)]) {
            return fetchLocked(uri);
        }
    }

    private JWKSet fetchLocked(String uri) throws Unavailable {
        String failed = failures.getIfPresent(uri);
        if (failed != null) {
            throw new Unavailable(failed);
        }
        Fetched cached = documents.getIfPresent(uri);
        Long last = lastAttempt.getIfPresent(uri);
        if (cached != null && last != null && last == cached.atMillis) {
            return cached.keys; // another request re-fetched it while this one waited
        }
        long now = clock.millis();
        lastAttempt.put(uri, now);
        try {
            JWKSet keys = download(uri);
            documents.put(uri, new Fetched(keys, now));
            return keys;
        } catch (Unavailable e) {
            failures.put(uri, e.getMessage());
            throw e;
        }
    }

    private JWKSet download(String uri) throws Unavailable {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new Unavailable("is not a valid URL");
        }
        boolean loopback = target.getHost() != null && LOOPBACK.contains(target.getHost());
        if (!"https".equals(target.getScheme()) && !("http".equals(target.getScheme()) && loopback)) {
            throw new Unavailable("must use https");
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(settings.jwksTimeout())
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        // The timeout bounds the whole fetch, name lookup and body included: a server that sends its
        // body one byte at a time is cut off too (closing the stream ends the read).
        CompletableFuture<InputStream> opened = new CompletableFuture<>();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                checkAddresses(target.getHost());
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                opened.complete(response.body());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new Unavailable("answered HTTP " + response.statusCode() + " (redirects are not followed)");
                    }
                    byte[] bytes = body.readNBytes(settings.jwksMaxBytes() + 1);
                    if (bytes.length > settings.jwksMaxBytes()) {
                        throw new Unavailable("returned more than " + settings.jwksMaxBytes() + " bytes");
                    }
                    return bytes;
                }
            } catch (Unavailable | IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, READERS);
        try {
            byte[] bytes = read.get(settings.jwksTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return ClientJwks.parseFetched(new String(bytes, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new Unavailable("did not return a JWK Set");
        } catch (TimeoutException e) {
            opened.thenAccept(RemoteJwks::closeQuietly);
            throw timedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Unavailable u) {
                throw u;
            }
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut();
            }
            throw new Unavailable("could not be fetched (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("fetch was interrupted");
        }
    }

    /**
     * Server-side request forgery: an admin could point a {@code jwks_uri} at the metadata service
     * or an internal host. Unless allowed by setting, every address the host resolves to must be
     * public or loopback (loopback serves tests and local set-ups, and reaches only this machine).
     * The HTTP client resolves the name again to connect, so a name that changes its answer in
     * between (DNS rebinding) is not covered; an egress policy is the complete answer.
     */
    private void checkAddresses(String host) throws Unavailable {
        if (settings.jwksAllowPrivateNetworks()) {
            return;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Unavailable("names a host that does not resolve");
        }
        for (InetAddress a : addresses) {
            String problem = PrivateAddresses.problem(a);
            if (problem != null) {
                throw new Unavailable("resolves to " + problem + " (" + a.getHostAddress()
                        + "), refused unless TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS=true");
            }
        }
    }

    private Unavailable timedOut() {
        return new Unavailable("did not answer within " + settings.jwksTimeout().toMillis() + " ms");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the fetch has been given up already
        }
    }
}
