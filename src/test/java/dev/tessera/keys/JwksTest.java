package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwksTest {

    static Stream<CryptoProvider> providers() {
        return TestKeys.providers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @SuppressWarnings("unchecked")
    void containsOnlyPublicParameters(CryptoProvider crypto) throws Exception {
        SigningKey a = TestKeys.key(crypto, "a");
        SigningKey b = TestKeys.key(crypto, "b");

        String json = Jwks.render(List.of(new Jwks.Entry(a, "RS256"), new Jwks.Entry(b, "PS384")));

        List<Object> keys = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(json), "keys");
        assertThat(keys).hasSize(2);
        for (Object k : keys) {
            Map<String, Object> jwk = (Map<String, Object>) k;
            assertThat(jwk).containsOnlyKeys("kty", "use", "kid", "alg", "n", "e");
            assertThat(jwk).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth");
            assertThat(jwk).containsEntry("kty", "RSA").containsEntry("use", "sig").containsEntry("e", "AQAB");
        }
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertThat(json).doesNotContain("\"" + member + "\"");
        }
        JWKSet parsed = JWKSet.parse(json);
        assertThat(parsed.getKeys()).extracting(JWK::getKeyID).containsExactly(a.kid(), b.kid());
        assertThat(parsed.getKeys()).extracting(k -> k.getAlgorithm().getName()).containsExactly("RS256", "PS384");
        assertThat(parsed.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(new Base64URL((String) ((Map<String, Object>) keys.get(0)).get("n")).decodeToBigInteger())
                .isEqualTo(((java.security.interfaces.RSAPublicKey) a.publicKey()).getModulus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void emptySetAndBadAlgorithms(CryptoProvider crypto) {
        assertThat(Jwks.render(List.of())).isEqualTo("{\"keys\":[]}");
        SigningKey key = TestKeys.key(crypto);
        assertThatThrownBy(() -> new Jwks.Entry(key, "HS256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.publicJwk("none")).isInstanceOf(IllegalArgumentException.class);
    }
}
