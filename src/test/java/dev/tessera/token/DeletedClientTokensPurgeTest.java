package dev.tessera.token;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids kept for a deleted client's tokens go once those tokens have expired, like token records. */
class DeletedClientTokensPurgeTest {

    @BothBackends
    void keptIdsArePurgedAnHourAfterTheirTokensExpired(Backend backend) {
        TestServer server = Servers.get(backend);
        OAuthFixture fx = new OAuthFixture(server, "aud").client(List.of(), Map.of());
        String live = fx.accessToken(null);
        String expiredLongAgo = fx.accessToken(null);
        assertThat(server.http.delete(fx.admin("/clients/" + fx.clientId)).status()).isEqualTo(204);
        var jdbc = server.app().database().jdbc();
        String kept = "SELECT COUNT(*) FROM deleted_client_tokens WHERE auth_server_id = ? AND client_id = ?";
        assertThat(jdbc.count(kept, fx.serverId, fx.clientId)).isEqualTo(2);
        long longAgo = System.currentTimeMillis() * 1000 - TimeUnit.HOURS.toMicros(3);
        jdbc.update("UPDATE deleted_client_tokens SET expires_at = ? WHERE id = ?", longAgo,
                OAuthFixture.part(expiredLongAgo, 1).path("jti").asText());

        TokenPurger.of(jdbc, new TokenRepository(jdbc)).purgeNow();

        assertThat(jdbc.query("SELECT id FROM deleted_client_tokens WHERE auth_server_id = ? AND client_id = ?",
                rs -> UUID.fromString(rs.getString(1)), fx.serverId, fx.clientId))
                .containsExactly(UUID.fromString(OAuthFixture.part(live, 1).path("jti").asText()));
    }
}
