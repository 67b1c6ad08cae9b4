package dev.tessera.token;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPurgeTest {

    /**
     * Records that expired days ago: on PostgreSQL they are outside the daily partitions (which
     * start yesterday), in the default partition, which is purged row by row like SQLite's table.
     * The daily partitions themselves are dropped whole: TokenPartitionsTest.
     */
    @BothBackends
    void recordsAreDeletedInBatchesAnHourAfterTheyExpired(Backend backend) throws Exception {
        TestServer server = Servers.get(backend);
        OAuthFixture fx = new OAuthFixture(server, "aud").client(List.of(), Map.of());
        String live = fx.accessToken(null);
        var jdbc = server.app().database().jdbc();
        TokenRepository repo = new TokenRepository(jdbc);
        long longAgo = System.currentTimeMillis() * 1000 - TimeUnit.DAYS.toMicros(3);
        List<TokenRecord> old = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            old.add(new TokenRecord(UUID.fromString(fx.serverId), UUID.randomUUID(), fx.clientId, List.of(), longAgo, longAgo + 1));
        }
        try (TokenRepository.Writer writer = repo.openWriter()) {
            writer.write(old);
        }

        int removed = TokenPurger.of(jdbc, repo).purgeNow();

        assertThat(removed).isGreaterThanOrEqualTo(12_000);
        assertThat(jdbc.count("SELECT COUNT(*) FROM tokens WHERE auth_server_id = ?", fx.serverId)).isEqualTo(1);
        assertThat(fx.introspect(live).path("active").asBoolean()).isTrue();
    }
}
