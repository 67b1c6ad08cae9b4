package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyPairsTest {

    static java.util.stream.Stream<CryptoProvider> providers() {
        return TestKeys.providers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void generatesA2048BitKeyWithAUuidKid(CryptoProvider crypto) {
        SigningKey key = TestKeys.key(crypto);
        assertThat(key.bits()).isEqualTo(2048);
        assertThat(((RSAPublicKey) key.publicKey()).getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(UUID.fromString(key.kid()).toString()).isEqualTo(key.kid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void pkcs8AndX509RoundTripThroughTheProvider(CryptoProvider crypto) throws Exception {
        KeyPairs pairs = new KeyPairs(crypto);
        SigningKey original = TestKeys.key(crypto);
        byte[] pkcs8 = KeyPairs.encodePrivate(original.privateKey());
        byte[] x509 = KeyPairs.encodePublic(original.publicKey());

        SigningKey loaded = pairs.load(original.kid(), x509, pkcs8, original.createdAtMicros());

        assertThat(loaded).isEqualTo(original);
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(pkcs8);
        assertThat(loaded.publicKey().getEncoded()).isEqualTo(x509);
        assertThat(((RSAPrivateKey) loaded.privateKey()).getPrivateExponent())
                .isEqualTo(((RSAPrivateKey) original.privateKey()).getPrivateExponent());
        String expectedPackage = crypto.isNative() ? "com.amazon.corretto." : "sun.security.";
        assertThat(loaded.privateKey().getClass().getName()).startsWith(expectedPackage);

        // The loaded private key signs what the original public key verifies.
        byte[] data = "round trip".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA", crypto.signatureProvider());
        signer.initSign(loaded.privateKey());
        signer.update(data);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(original.publicKey());
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void keysFromTheOtherProviderLoadToo(CryptoProvider crypto) {
        for (CryptoProvider other : TestKeys.providerList()) {
            SigningKey foreign = TestKeys.key(other);
            PrivateKey loaded = new KeyPairs(crypto).loadPrivate(KeyPairs.encodePrivate(foreign.privateKey()));
            assertThat(((RSAPrivateKey) loaded).getModulus()).isEqualTo(((RSAPublicKey) foreign.publicKey()).getModulus());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsGarbageAndMismatchedHalves(CryptoProvider crypto) {
        KeyPairs pairs = new KeyPairs(crypto);
        assertThatThrownBy(() -> pairs.loadPrivate(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pairs.loadPublic(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);

        SigningKey a = TestKeys.key(crypto, "a");
        SigningKey b = TestKeys.key(crypto, "b");
        assertThatThrownBy(() -> pairs.load("k", KeyPairs.encodePublic(a.publicKey()),
                KeyPairs.encodePrivate(b.privateKey()), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not match");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void toStringShowsNoKeyMaterial(CryptoProvider crypto) {
        SigningKey key = TestKeys.key(crypto);
        String text = key.toString();
        assertThat(text).contains(key.kid()).contains("RSA-2048");
        RSAPublicKey pub = (RSAPublicKey) key.publicKey();
        assertThat(text).doesNotContain(pub.getModulus().toString().substring(0, 20))
                .doesNotContain(pub.getModulus().toString(16).substring(0, 20));
    }
}
