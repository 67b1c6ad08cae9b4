package dev.tessera.oauth.clientauth.assertion;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.client.Client;
import dev.tessera.client.SecretSealing;
import dev.tessera.config.ClientAssertionSettings;
import dev.tessera.keys.KeyEncryption;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.support.Backend;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.MutableClock;
import dev.tessera.support.StorageFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time rules of client assertions at their exact edges, with a clock the test moves. */
class ClientAssertionVerifierTest {
    private static final String ISSUER = "https://id.example.com/slugslugslugslug/auth";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final StorageFixture db = StorageFixture.open(Backend.SQLITE);
    private final AssertionJtis jtis = new AssertionJtis(db.jdbc);
    private final ClientAssertionSettings settings = new ClientAssertionSettings(MAX_LIFETIME, SKEW, Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofSeconds(3), 65536, false);
    private final ClientAssertionVerifier verifier = new ClientAssertionVerifier(settings, jtis, new RemoteJwks(settings, clock),
            new SecretSealing(new KeyEncryption(new byte[32], StorageFixture.CRYPTO)), clock);
    private final ClientKeys keys = ClientKeys.ec("verifier-unit");
    private final AuthServerConfig config = config();

    @AfterEach
    void close() {
        db.close();
    }

    private AuthServerConfig config() {
        UUID id = UUID.randomUUID();
        AuthServer as = new AuthServer(id, "slugslugslugslug", "s", "", "aud", SigningAlgorithm.RS256, AccessTokenType.JWT,
                List.of(), Map.of(), 0, 0);
        Client c = new Client(id, "machine", "machine", List.of("client_credentials"), List.of("token"), List.of(), null,
                300, 300, false, List.of(), Map.of(), Client.PRIVATE_KEY_JWT,
                new com.nimbusds.jose.jwk.JWKSet(keys.privateJwk().toPublicJWK()).toString(), null, 0, 0);
        return new AuthServerConfig(as, ISSUER, List.of(), Map.of(), List.of(),
                Map.of("machine", new ClientEntry(c, List.of(), Map.of())), null, Map.of(), "{}", null);
    }

    private JWTClaimsSet.Builder claims(Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder().issuer("machine").subject("machine").audience(ISSUER + "/oauth/token")
                .jwtID(UUID.randomUUID().toString()).issueTime(iat == null ? null : Date.from(iat))
                .expirationTime(Date.from(exp));
    }

    private void verify(JWTClaimsSet claims) throws ClientAssertionVerifier.Refused {
        verifier.verify(config, config.clients().get("machine"), ClientAssertionVerifier.parse(keys.sign(claims)));
    }

    @Test
    void expiryAllowsTheClockSkewAndNotASecondMore() {
        Instant now = clock.instant();
        assertThatCode(() -> verify(claims(now.minusSeconds(60), now.minus(SKEW).plusSeconds(1)).build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(claims(now.minusSeconds(60), now.minus(SKEW)).build()))
                .hasMessage("client_assertion has expired");
    }

    @Test
    void lifetimeIsCountedFromIatOrFromNowWithout() {
        Instant now = clock.instant();
        Instant longest = now.plus(MAX_LIFETIME).plus(SKEW);
        assertThatCode(() -> verify(claims(now, longest).build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(claims(now, longest.plusSeconds(1)).build()))
                .hasMessage("client_assertion lives too long: exp may be at most 300 s after iat");
        assertThatThrownBy(() -> verify(claims(null, longest.plusSeconds(1)).build()))
                .hasMessage("client_assertion lives too long: exp may be at most 300 s after now");
    }

    @Test
    void nbfAndIatMayBeAheadByTheSkewOnly() {
        Instant now = clock.instant();
        Instant exp = now.plusSeconds(120);
        assertThatCode(() -> verify(claims(now.plus(SKEW), exp).notBeforeTime(Date.from(now.plus(SKEW))).build()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(claims(now, exp).notBeforeTime(Date.from(now.plus(SKEW).plusSeconds(1))).build()))
                .hasMessage("client_assertion is not valid yet (nbf is in the future)");
        assertThatThrownBy(() -> verify(claims(now.plus(SKEW).plusSeconds(1), exp).build()))
                .hasMessage("client_assertion's iat is in the future");
    }

    @Test
    void aUsedAssertionStaysRefusedUntilItExpiresAndItsRowIsPurgedAfter() throws Exception {
        Instant now = clock.instant();
        JWTClaimsSet once = claims(now, now.plusSeconds(60)).build();
        verify(once);
        assertThatThrownBy(() -> verify(once)).isInstanceOf(ClientAssertionVerifier.Refused.class)
                .hasMessage("client_assertion has been used before (its jti was seen already)")
                .extracting(e -> ((ClientAssertionVerifier.Refused) e).kind()).isEqualTo(ClientAssertionVerifier.Refused.Kind.REPLAYED);
        // the row is kept for exp + skew, exactly as long as the expiry check would still let the assertion through
        assertThat(jtis.purgeExpired(micros(now.plusSeconds(60).plus(SKEW)))).isZero();
        clock.advance(Duration.ofSeconds(60).plus(SKEW));
        assertThatThrownBy(() -> verify(once)).hasMessage("client_assertion has expired");
        assertThat(jtis.purgeExpired(micros(clock.instant().plusMillis(1)))).isEqualTo(1);
        assertThatThrownBy(() -> verify(once)).hasMessage("client_assertion has expired");
    }

    private static long micros(Instant t) {
        return TimeUnit.MILLISECONDS.toMicros(t.toEpochMilli());
    }
}
