package dev.tessera.keys;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.MutableClock;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Rotations seen from outside: by a gateway that caches the JWKS, and by introspection and userinfo. */
class KeyRotationEndToEndTest {

    /**
     * A relying party as gateways are built: it fetches the JWKS, keeps it for the max-age the
     * response announces (by the test's clock), and never refetches on an unknown kid, so a
     * token signed by a key it has not seen fails.
     */
    private static final class CachingVerifier {
        private final Http http;
        private final String jwksUri;
        private final MutableClock clock;
        private JWKSet cached;
        private Instant fetchedAt;
        private Duration maxAge;
        int fetches;

        CachingVerifier(Http http, String jwksUri, MutableClock clock) {
            this.http = http;
            this.jwksUri = jwksUri;
            this.clock = clock;
        }

        boolean verifies(String token) throws Exception {
            if (cached == null || !clock.instant().isBefore(fetchedAt.plus(maxAge))) {
                var r = http.send(http.request(jwksUri).GET());
                cached = JWKSet.parse(r.body());
                String cacheControl = r.header("Cache-Control");
                maxAge = Duration.ofSeconds(Long.parseLong(cacheControl.substring(cacheControl.indexOf("max-age=") + 8)));
                fetchedAt = clock.instant();
                fetches++;
            }
            JWSObject jws = JWSObject.parse(token);
            JWK key = cached.getKeyByKeyId(jws.getHeader().getKeyID());
            return key != null && JwksVerification.verifies(jws, key);
        }
    }

    @BothBackends
    void aVerifierThatCachedTheJwksKeepsVerifyingEveryTokenAcrossAScheduledRotation(Backend backend) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer server = TestServer.start(backend, Map.of("TESSERA_KEY_LEAD_TIME_SECONDS", "3600",
                "TESSERA_JWKS_MAX_AGE_SECONDS", "300"), clock)) {
            OAuthFixture fx = new OAuthFixture(server, Map.of("signing_algorithm", "ES256"), "aud").client(List.of(), Map.of());
            assertThat(fx.http.patch(fx.admin(""), json("key_rotation_period_days", 1)).status()).isEqualTo(200);
            CachingVerifier gateway = new CachingVerifier(fx.http, fx.issuer + "/.well-known/jwks", clock);
            assertThat(gateway.verifies(fx.accessToken(null))).isTrue();

            // From 90 minutes before the rotation to 90 minutes after, a token every two minutes.
            clock.advance(Duration.ofDays(1).minusMinutes(90));
            Set<String> kids = new LinkedHashSet<>();
            int tokens = 0;
            for (int minute = 0; minute <= 180; minute += 2) {
                server.app().runKeySteps();
                String token = fx.accessToken(null);
                kids.add(JWSObject.parse(token).getHeader().getKeyID());
                assertThat(gateway.verifies(token)).as("token at minute %d of the rotation window", minute).isTrue();
                tokens++;
                clock.advance(Duration.ofMinutes(2));
            }
            assertThat(tokens).isEqualTo(91);
            assertThat(kids).hasSize(2); // the rotation happened inside the window
            assertThat(gateway.fetches).isGreaterThan(1);
            // 90 minutes on, the old key's 300-second tokens and the minute of skew are long past: it is gone.
            var keys = fx.http.get(fx.admin("/keys")).json().path("data");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).path("state").asText()).isEqualTo("active");
            assertThat(keys.get(0).path("kid").asText()).isEqualTo(List.copyOf(kids).get(1));
        }
    }

    @BothBackends
    void anImmediateRotationMakesTheOldKeysTokensInactiveAtIntrospectionAndUserinfo(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            OAuthFixture fx = new OAuthFixture(server, "aud").client(List.of(), Map.of());
            String old = fx.accessToken(null);
            String oldKid = JWSObject.parse(old).getHeader().getKeyID();
            assertThat(fx.introspect(old).path("active").asBoolean()).isTrue();
            assertThat(userinfo(fx, old).status()).isEqualTo(200);

            var rotated = fx.http.post(fx.admin("/keys/rotate"), json("immediate", true));
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.json().path("data")).hasSize(1);
            assertThat(rotated.json().path("data").get(0).path("kid").asText()).isNotEqualTo(oldKid);

            assertThat(fx.introspect(old).path("active").asBoolean()).isFalse();
            assertThat(userinfo(fx, old).status()).isEqualTo(401);
            JWKSet jwks = JWKSet.parse(fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").GET()).body());
            assertThat(jwks.getKeyByKeyId(oldKid)).isNull();
            String fresh = fx.accessToken(null);
            assertThat(fx.introspect(fresh).path("active").asBoolean()).isTrue();
            assertThat(userinfo(fx, fresh).status()).isEqualTo(200);
        }
    }

    private static Http.Response userinfo(OAuthFixture fx, String token) {
        return fx.http.send(fx.http.request(fx.issuer + "/userinfo").header("Authorization", "Bearer " + token).GET());
    }
}
