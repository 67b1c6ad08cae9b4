package dev.tessera.token;

import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.client.Client;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.KeyPairs;
import dev.tessera.keys.SigningKey;
import dev.tessera.keys.TokenSigner;
import dev.tessera.keys.TokenVerifier;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Token states that the HTTP tests cannot reach quickly: expired, not yet valid, wrong issuer. */
class TokenIntrospectorTest {
    private static final CryptoProvider CRYPTO = CryptoProvider.detect();
    private final SigningKey key = new KeyPairs(CRYPTO).generateSigningKey(0);
    private final TokenSigner signer = new TokenSigner(CRYPTO);
    private final Revocations revocations = new Revocations();
    private final TokenIntrospector introspector = new TokenIntrospector(revocations);
    private final AuthServerConfig server = config();

    private AuthServerConfig config() {
        UUID id = UUID.randomUUID();
        AuthServer as = new AuthServer(id, "slugslugslugslug", "s", "", "aud", SigningAlgorithm.RS256, AccessTokenType.JWT, List.of(), Map.of(), 0, 0);
        Client c = new Client(id, "client", "client", List.of("client_credentials"), List.of("token"), List.of(), null,
                300, 300, false, List.of(), Map.of(), "client_secret_post", null, null, 0, 0);
        return new AuthServerConfig(as, "https://issuer/auth", List.of(), Map.of(), List.of(),
                Map.of("client", new ClientEntry(c, List.of(), Map.of())), key, Map.of(key.kid(), key), "{}",
                new TokenVerifier(CRYPTO, Map.of(key.kid(), key)::get));
    }

    private String token(long iatOffset, long lifetime, String issuer, String clientId, UUID jti) {
        long now = System.currentTimeMillis() / 1000 + iatOffset;
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", clientId);
        claims.put("client_id", clientId);
        claims.put("aud", List.of("aud"));
        claims.put("jti", jti.toString());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + lifetime);
        return signer.sign(key, "RS256", "JWT", claims);
    }

    @Test
    void aFreshTokenIsActive() {
        assertThat(introspector.inspect(server, token(0, 300, "https://issuer/auth", "client", UUID.randomUUID()))).isPresent();
    }

    @Test
    void expiredNotYetValidForeignIssuerAndUnknownClientAreInactive() {
        assertThat(introspector.inspect(server, token(-600, 300, "https://issuer/auth", "client", UUID.randomUUID()))).isEmpty();
        assertThat(introspector.inspect(server, token(600, 300, "https://issuer/auth", "client", UUID.randomUUID()))).isEmpty();
        assertThat(introspector.inspect(server, token(0, 300, "https://other/auth", "client", UUID.randomUUID()))).isEmpty();
        assertThat(introspector.inspect(server, token(0, 300, "https://issuer/auth", "gone", UUID.randomUUID()))).isEmpty();
    }

    @Test
    void revokedTokensAreInactive() {
        UUID jti = UUID.randomUUID();
        String t = token(0, 300, "https://issuer/auth", "client", jti);
        revocations.revoke(jti, Long.MAX_VALUE, 0);
        assertThat(introspector.inspect(server, t)).isEmpty();
        assertThat(revocations.isRevoked(jti)).isTrue();
    }

    @Test
    void aTokenVerifiedBeforeIsStillCheckedForRevocationEveryTime() {
        UUID jti = UUID.randomUUID();
        String t = token(0, 300, "https://issuer/auth", "client", jti);
        assertThat(introspector.inspect(server, t)).isPresent();
        assertThat(introspector.inspect(server, t)).isPresent();
        revocations.revoke(jti, Long.MAX_VALUE, 0);
        assertThat(introspector.inspect(server, t)).isEmpty();
        String tampered = t.substring(0, t.length() - 4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(introspector.inspect(server, tampered)).isEmpty();
    }
}
