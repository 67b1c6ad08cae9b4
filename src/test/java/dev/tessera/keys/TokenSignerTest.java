package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenSignerTest {

    static Stream<CryptoProvider> providers() {
        return TestKeys.providers();
    }

    static Stream<Arguments> providersAndAlgorithms() {
        return TestKeys.providers().flatMap(crypto -> Stream.of(KeyAlgorithm.values())
                .flatMap(alg -> Stream.of(TokenSigner.TYP_JWT, TokenSigner.TYP_ACCESS_TOKEN)
                        .map(typ -> Arguments.of(crypto, alg.joseName(), typ))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("providersAndAlgorithms")
    void signatureVerifiesAgainstTheJwksPublishedKey(CryptoProvider crypto, String alg, String typ)
            throws Exception {
        SigningKey key = TestKeys.keyFor(crypto, KeyAlgorithm.fromJoseName(alg));
        String token = new TokenSigner(crypto).sign(key, alg, typ, TestKeys.sampleClaims());

        JWKSet published = JWKSet.parse(Jwks.render(List.of(new Jwks.Entry(key, alg))));
        JWK jwk = published.getKeyByKeyId(key.kid());
        assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(jwk.getAlgorithm().getName()).isEqualTo(alg);
        JWSObject jws = JWSObject.parse(token);
        assertThat(JwksVerification.verifies(jws, jwk)).isTrue();

        // Exactly typ, alg, kid, in that order, nothing else.
        String headerJson = new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString();
        assertThat(headerJson).isEqualTo("{\"typ\":\"" + typ + "\",\"alg\":\"" + alg + "\",\"kid\":\"" + key.kid() + "\"}");
        assertThat(JSONObjectUtils.parse(headerJson)).containsOnlyKeys("typ", "alg", "kid");
        assertThat(jws.getPayload().toJSONObject()).containsEntry("sub", "client-42");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void claimsKeepTheirJsonTypes(CryptoProvider crypto) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("s", "text with \"quotes\" and ünïcödé <tags>");
        claims.put("i", 42);
        claims.put("l", 1_700_000_000_123L);
        claims.put("d", 1.5);
        claims.put("t", true);
        claims.put("n", null);
        claims.put("list", List.of("a", 1, false));
        claims.put("map", Map.of("nested", List.of(Map.of("x", 2))));

        String token = new TokenSigner(crypto).sign(TestKeys.key(crypto), "RS256", claims);
        Map<String, Object> back = JWSObject.parse(token).getPayload().toJSONObject();

        assertThat(back.get("s")).isEqualTo("text with \"quotes\" and ünïcödé <tags>");
        assertThat(back.get("i")).isEqualTo(42L);
        assertThat(back.get("l")).isEqualTo(1_700_000_000_123L);
        assertThat(back.get("d")).isEqualTo(1.5);
        assertThat(back.get("t")).isEqualTo(true);
        assertThat(back).containsKey("n");
        assertThat(back.get("n")).isNull();
        assertThat(back.get("list")).isEqualTo(List.of("a", 1L, false));
        assertThat(back.get("map")).isEqualTo(Map.of("nested", List.of(Map.of("x", 2L))));
        String payloadJson = new Base64URL(token.split("\\.")[1]).decodeToString();
        assertThat(payloadJson).contains("\"i\":42,").contains("\"t\":true").contains("<tags>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void typDefaultsToJwt(CryptoProvider crypto) throws Exception {
        TokenSigner signer = new TokenSigner(crypto);
        SigningKey key = TestKeys.key(crypto);
        assertThat(JWSObject.parse(signer.sign(key, "PS256", TestKeys.sampleClaims())).getHeader().getType().getType())
                .isEqualTo("JWT");
        assertThat(JWSObject.parse(signer.sign(key, "PS256", null, TestKeys.sampleClaims())).getHeader().getType().getType())
                .isEqualTo("JWT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsUnsupportedAlgTypAndClaimValues(CryptoProvider crypto) {
        TokenSigner signer = new TokenSigner(crypto);
        SigningKey key = TestKeys.key(crypto);
        Map<String, Object> claims = TestKeys.sampleClaims();
        for (String alg : new String[] {"none", "HS256", "ES256", "rs256", null}) {
            assertThatThrownBy(() -> signer.sign(key, alg, claims)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> signer.sign(key, "RS256", "JOSE", claims))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(key, "RS256", Map.of("iat", Instant.now())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iat");
        assertThatThrownBy(() -> signer.sign(key, "RS256", Map.of("x", List.of(Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aReplacedKeyWithTheSameKidIsNotServedFromTheCache(CryptoProvider crypto) throws Exception {
        TokenSigner signer = new TokenSigner(crypto);
        SigningKey first = TestKeys.key(crypto, "a");
        SigningKey other = TestKeys.key(crypto, "b");
        SigningKey sameKidNewKey = new SigningKey(first.kid(), other.publicKey(), other.privateKey(), 1);

        signer.sign(first, "RS256", TestKeys.sampleClaims());
        String token = signer.sign(sameKidNewKey, "RS256", TestKeys.sampleClaims());

        assertThat(JWSObject.parse(token).verify(new RSASSAVerifier((java.security.interfaces.RSAPublicKey) other.publicKey()))).isTrue();
    }
}
