package dev.tessera.snapshot;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown slugs cost one lookup each within the miss TTL, the directory stays bounded, and creation is seen. */
class SlugDirectoryTest {
    private final Map<String, UUID> database = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private Optional<UUID> lookup(String slug) {
        queries.computeIfAbsent(slug, k -> new AtomicInteger()).incrementAndGet();
        return Optional.ofNullable(database.get(slug));
    }

    private static String slug(int i) {
        return String.format("%016d", i);
    }

    @Test
    void manyUnknownSlugsCostOneQueryEachWithinTheTtl() {
        SlugDirectory slugs = new SlugDirectory(this::lookup, ticker, Duration.ofSeconds(5), 10_000);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(slugs.idOf(slug(i))).isEmpty();
            }
            nanos.addAndGet(Duration.ofMillis(900).toNanos());
        }
        assertThat(queries).hasSize(1000);
        assertThat(queries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

        nanos.addAndGet(Duration.ofSeconds(1).toNanos()); // past the TTL: asked again, once
        slugs.idOf(slug(7));
        slugs.idOf(slug(7));
        assertThat(queries.get(slug(7)).get()).isEqualTo(2);
    }

    @Test
    void theDirectoryStaysBounded() {
        SlugDirectory slugs = new SlugDirectory(this::lookup, ticker, Duration.ofSeconds(5), 100);
        for (int i = 0; i < 5000; i++) {
            slugs.idOf(slug(i));
        }
        assertThat(slugs.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void aSlugCreatedAfterAMissIsFoundOnceMissesAreForgottenOrAfterTheTtl() {
        SlugDirectory slugs = new SlugDirectory(this::lookup, ticker, Duration.ofSeconds(5), 10_000);
        UUID id = UUID.randomUUID();
        assertThat(slugs.idOf("abcdefghij012345")).isEmpty();
        database.put("abcdefghij012345", id);
        assertThat(slugs.idOf("abcdefghij012345")).as("still a remembered miss").isEmpty();
        slugs.forgetMisses(); // what a creation on this node (or a notification from another) does
        assertThat(slugs.idOf("abcdefghij012345")).contains(id);

        assertThat(slugs.idOf("zzzzzzzzzzzzzzzz")).isEmpty();
        database.put("zzzzzzzzzzzzzzzz", id);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() + 1); // without any notification: the TTL bounds it
        assertThat(slugs.idOf("zzzzzzzzzzzzzzzz")).contains(id);
    }

    @Test
    void knownSlugsAreNotAskedAgainAndMalformedOnesNeverAsked() {
        SlugDirectory slugs = new SlugDirectory(this::lookup, ticker, Duration.ofSeconds(5), 10_000);
        UUID id = UUID.randomUUID();
        database.put("known00000000000", id);
        for (int i = 0; i < 10; i++) {
            assertThat(slugs.idOf("known00000000000")).contains(id);
            nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        }
        assertThat(queries.get("known00000000000").get()).isEqualTo(1);
        assertThat(slugs.idOf("short")).isEmpty();
        assertThat(slugs.idOf("UPPERCASE0000000")).isEmpty();
        assertThat(queries).containsOnlyKeys("known00000000000");
    }
}
