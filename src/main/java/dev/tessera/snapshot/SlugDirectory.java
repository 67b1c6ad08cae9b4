package dev.tessera.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which auth server an issuer slug names, remembered in a bounded cache. The OAuth endpoints
 * are unauthenticated, so a slug that names nothing is remembered too, briefly: a client
 * retrying a wrong issuer (or a scan of random slugs) costs one query per slug per
 * {@code missTtl}, not one per request. A miss is forgotten at once when an auth server is
 * created or changed on any node (see {@link #forgetMisses}), and in any case after {@code missTtl}.
 */
final class SlugDirectory {
    static final Duration MISS_TTL = Duration.ofSeconds(5);
    static final long MAX_ENTRIES = 20_000;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]{16}");

    private final Function<String, Optional<UUID>> lookup;
    private final Cache<String, Optional<UUID>> slugs;

    SlugDirectory(Function<String, Optional<UUID>> lookup) {
        this(lookup, Ticker.systemTicker(), MISS_TTL, MAX_ENTRIES);
    }

    SlugDirectory(Function<String, Optional<UUID>> lookup, Ticker ticker, Duration missTtl, long maxEntries) {
        this.lookup = lookup;
        long missNanos = missTtl.toNanos();
        this.slugs = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run) // eviction on the calling thread: no background work, bounded at once
                .expireAfter(Expiry.<String, Optional<UUID>>creating((slug, id) -> id.isPresent()
                        ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(missNanos)))
                .build();
    }

    /** The auth server id for this slug; concurrent requests for one unknown slug share one lookup. */
    Optional<UUID> idOf(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            return Optional.empty(); // slugs are 16 of [a-z0-9]: anything else cannot exist
        }
        return slugs.get(slug, lookup);
    }

    /** The auth server behind this slug was deleted (slugs are never reused). */
    void forget(String slug) {
        slugs.invalidate(slug);
    }

    /** An auth server may have been created: slugs that named nothing are looked up again. */
    void forgetMisses() {
        slugs.asMap().values().removeIf(Optional::isEmpty);
    }

    long size() {
        slugs.cleanUp();
        return slugs.estimatedSize();
    }
}
