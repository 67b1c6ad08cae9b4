package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

    static Stream<CryptoProvider> providers() {
        return TestKeys.providers();
    }

    private static Function<String, SigningKey> only(SigningKey key) {
        return kid -> kid.equals(key.kid()) ? key : null;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void acceptsAValidTokenForEveryAlgorithm(CryptoProvider crypto) {
        TokenSigner signer = new TokenSigner(crypto);
        for (KeyAlgorithm alg : KeyAlgorithm.values()) {
            SigningKey key = TestKeys.keyFor(crypto, alg);
            TokenVerifier verifier = new TokenVerifier(crypto, only(key));
            String token = signer.sign(key, alg.joseName(), TokenSigner.TYP_ACCESS_TOKEN, TestKeys.sampleClaims());
            Map<String, Object> claims = verifier.verify(token).orElseThrow();
            assertThat(claims).containsEntry("sub", "client-42").containsEntry("exp", 1_700_003_600L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsMalformedInput(CryptoProvider crypto) {
        TokenVerifier verifier = new TokenVerifier(crypto, only(TestKeys.key(crypto)));
        for (String bad : new String[] {null, "", "garbage", "a.b", "a.b.c.d", "...", "!!.??.**",
                b64("{}") + "." + b64("{}") + ".", "x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1)}) {
            assertThat(verifier.verify(bad)).as("%s", bad).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsAlgNone(CryptoProvider crypto) {
        SigningKey key = TestKeys.key(crypto);
        TokenVerifier verifier = new TokenVerifier(crypto, only(key));
        String payload = b64("{\"sub\":\"client-42\"}");
        for (String none : new String[] {"none", "None", "NONE"}) {
            String header = b64("{\"typ\":\"JWT\",\"alg\":\"" + none + "\",\"kid\":\"" + key.kid() + "\"}");
            assertThat(verifier.verify(header + "." + payload + ".")).isEmpty();
            assertThat(verifier.verify(header + "." + payload + ".c2ln")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsUnknownOrMissingKid(CryptoProvider crypto) throws Exception {
        SigningKey key = TestKeys.key(crypto);
        String token = new TokenSigner(crypto).sign(key, "RS256", TestKeys.sampleClaims());
        assertThat(new TokenVerifier(crypto, kid -> null).verify(token)).isEmpty();

        JWSObject noKid = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"sub\":\"x\"}"));
        noKid.sign(new RSASSASigner(key.privateKey()));
        assertThat(new TokenVerifier(crypto, kid -> key).verify(noKid.serialize())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsASignatureByAnotherKey(CryptoProvider crypto) {
        SigningKey key = TestKeys.key(crypto, "a");
        SigningKey other = TestKeys.key(crypto, "b");
        // Another key that claims our kid in its header.
        SigningKey impostor = new SigningKey(key.kid(), other.publicKey(), other.privateKey(), 0);
        String token = new TokenSigner(crypto).sign(impostor, "RS256", TestKeys.sampleClaims());
        assertThat(new TokenVerifier(crypto, only(key)).verify(token)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aKeyVerifiesOnlyTheAlgorithmItIsPublishedFor(CryptoProvider crypto) {
        // An RSA key published for RS256 must not accept a PS256 signature it could technically check:
        // verifiers that follow the JWK's alg would refuse that token, so Tessera refuses it too.
        SigningKey rs256 = TestKeys.key(crypto);
        TokenSigner signer = new TokenSigner(crypto);
        TokenVerifier verifier = new TokenVerifier(crypto, only(rs256));
        assertThat(verifier.verify(signer.sign(rs256, "RS256", TestKeys.sampleClaims()))).isPresent();
        assertThat(verifier.verify(signer.sign(rs256, "PS256", TestKeys.sampleClaims()))).isEmpty();
        SigningKey es256 = TestKeys.keyFor(crypto, KeyAlgorithm.ES256);
        assertThat(new TokenVerifier(crypto, kid -> es256).verify(signer.sign(rs256, "RS256", TestKeys.sampleClaims())))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsAModifiedPayloadOrHeader(CryptoProvider crypto) {
        SigningKey key = TestKeys.keyFor(crypto, KeyAlgorithm.PS256);
        TokenVerifier verifier = new TokenVerifier(crypto, only(key));
        String[] parts = new TokenSigner(crypto).sign(key, "PS256", TestKeys.sampleClaims()).split("\\.");
        assertThat(verifier.verify(String.join(".", parts))).isPresent();

        String elevated = b64(new Base64URL(parts[1]).decodeToString().replace("read write", "admin"));
        assertThat(verifier.verify(parts[0] + "." + elevated + "." + parts[2])).isEmpty();
        String rs256Header = b64(new Base64URL(parts[0]).decodeToString().replace("PS256", "RS256"));
        assertThat(verifier.verify(rs256Header + "." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(verifier.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(1))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsAlgorithmsOutsideTheExpectedSet(CryptoProvider crypto) throws Exception {
        SigningKey key = TestKeys.key(crypto);
        TokenVerifier rs256Only = new TokenVerifier(crypto, only(key), Set.of("RS256"));
        TokenSigner signer = new TokenSigner(crypto);
        assertThat(rs256Only.verify(signer.sign(key, "RS256", TestKeys.sampleClaims()))).isPresent();
        assertThat(rs256Only.verify(signer.sign(key, "PS256", TestKeys.sampleClaims()))).isEmpty();
        assertThat(rs256Only.verify(signer.sign(key, "RS512", TestKeys.sampleClaims()))).isEmpty();

        // HMAC keyed with public information: the classic RSA/HMAC confusion attack.
        JWSObject hmac = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(),
                new Payload("{\"sub\":\"client-42\"}"));
        hmac.sign(new MACSigner(key.publicKey().getEncoded()));
        assertThat(new TokenVerifier(crypto, only(key)).verify(hmac.serialize())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void neverThrowsEvenWhenTheLookupOrPayloadMisbehave(CryptoProvider crypto) throws Exception {
        SigningKey key = TestKeys.key(crypto);
        String token = new TokenSigner(crypto).sign(key, "RS256", TestKeys.sampleClaims());
        TokenVerifier throwing = new TokenVerifier(crypto, kid -> {
            throw new IllegalStateException("database down");
        });
        assertThat(throwing.verify(token)).isEmpty();

        JWSObject notJson = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), new Payload("not json"));
        notJson.sign(new RSASSASigner(key.privateKey()));
        assertThat(new TokenVerifier(crypto, only(key)).verify(notJson.serialize())).isEmpty();
    }
}
