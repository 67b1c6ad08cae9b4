package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyEncryptionTest {

    private static final byte[] KEY = randomBytes(32);
    private static final String CONTEXT = KeyEncryption.signingKeyContext("as-1", "kid-1");

    static Stream<CryptoProvider> providers() {
        return TestKeys.providers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void roundTripsAPrivateKeyWithAFreshNonceEachTime(CryptoProvider crypto) {
        KeyEncryption enc = new KeyEncryption(KEY, crypto);
        byte[] pkcs8 = KeyPairs.encodePrivate(TestKeys.key(crypto).privateKey());

        String blob = enc.encrypt(pkcs8, CONTEXT);
        String again = enc.encrypt(pkcs8, CONTEXT);

        assertThat(blob).startsWith("v1.").matches("v1\\.[A-Za-z0-9_-]+");
        assertThat(again).isNotEqualTo(blob);
        assertThat(Base64.getUrlDecoder().decode(blob.substring(3))).hasSize(12 + pkcs8.length + 16);
        assertThat(enc.decrypt(blob, CONTEXT)).isEqualTo(pkcs8);
        assertThat(enc.decrypt(again, CONTEXT)).isEqualTo(pkcs8);
        assertThat(enc.decryptString(enc.encryptString("", CONTEXT), CONTEXT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void blobsAreReadableByTheOtherProvider(CryptoProvider crypto) {
        String blob = new KeyEncryption(KEY, crypto).encryptString("secret", CONTEXT);
        for (CryptoProvider other : TestKeys.providerList()) {
            assertThat(new KeyEncryption(KEY, other).decryptString(blob, CONTEXT)).isEqualTo("secret");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anyTamperedByteFailsAuthentication(CryptoProvider crypto) {
        KeyEncryption enc = new KeyEncryption(KEY, crypto);
        String blob = enc.encryptString("private key bytes", CONTEXT);
        byte[] raw = Base64.getUrlDecoder().decode(blob.substring(3));
        // First nonce byte, a ciphertext byte, the last tag byte.
        for (int index : new int[] {0, 12, raw.length - 1}) {
            byte[] copy = raw.clone();
            copy[index] ^= 0x01;
            String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
            assertThatThrownBy(() -> enc.decrypt(tampered, CONTEXT))
                    .as("byte %d", index)
                    .isInstanceOf(KeyDecryptionException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void wrongContextFails(CryptoProvider crypto) {
        KeyEncryption enc = new KeyEncryption(KEY, crypto);
        String blob = enc.encryptString("private key bytes", CONTEXT);
        assertThatThrownBy(() -> enc.decrypt(blob, KeyEncryption.signingKeyContext("as-2", "kid-1")))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("wrong context");
        assertThatThrownBy(() -> enc.decrypt(blob, KeyEncryption.signingKeyContext("as-1", "kid-2")))
                .isInstanceOf(KeyDecryptionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void wrongKeyFails(CryptoProvider crypto) {
        String blob = new KeyEncryption(KEY, crypto).encryptString("private key bytes", CONTEXT);
        KeyEncryption other = new KeyEncryption(randomBytes(32), crypto);
        assertThatThrownBy(() -> other.decrypt(blob, CONTEXT))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("wrong master key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void malformedBlobsFailClearly(CryptoProvider crypto) {
        KeyEncryption enc = new KeyEncryption(KEY, crypto);
        assertThatThrownBy(() -> enc.decrypt(null, CONTEXT)).isInstanceOf(KeyDecryptionException.class);
        assertThatThrownBy(() -> enc.decrypt("v2.AAAA", CONTEXT)).hasMessageContaining("unknown format");
        assertThatThrownBy(() -> enc.decrypt("v1.!!!!", CONTEXT)).hasMessageContaining("base64url");
        assertThatThrownBy(() -> enc.decrypt("v1.AAAA", CONTEXT)).hasMessageContaining("truncated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsKeysThatAreNot256Bits(CryptoProvider crypto) {
        assertThatThrownBy(() -> new KeyEncryption(new byte[16], crypto))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
