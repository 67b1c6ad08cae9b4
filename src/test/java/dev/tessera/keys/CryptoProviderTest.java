package dev.tessera.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class CryptoProviderTest {

    @Test
    void nativeIsChosenWhereverTheAccpJarIsOnTheClassPath() {
        assumeTrue(AccpProbe.classPresent(), "ACCP not built for this platform");
        CryptoProvider crypto = CryptoProvider.detect(true);
        assertThat(crypto.isNative()).as("fallback reason: %s", crypto.fallbackReason()).isTrue();
        assertThat(crypto.provider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(crypto.name()).startsWith("ACCP ");
        assertThat(crypto.fallbackReason()).isNull();
        assertThat(crypto.rsaKeyFactory().getProvider()).isSameAs(crypto.provider());
        assertThat(crypto.rsaKeyPairGenerator().getProvider()).isSameAs(crypto.provider());
        assertThat(crypto.aesGcmCipher().getProvider()).isSameAs(crypto.provider());
    }

    @Test
    void forcedJdkUsesJdkProvidersEvenAfterAccpWasInstalledJvmWide() {
        CryptoProvider.detect(true); // installs ACCP first in the JVM's list where available
        CryptoProvider crypto = CryptoProvider.detect(false);
        assertThat(crypto.isNative()).isFalse();
        assertThat(crypto.provider()).isNull();
        assertThat(crypto.name()).isEqualTo("JDK");
        assertThat(crypto.fallbackReason()).contains("disabled");
        assertThat(crypto.rsaKeyFactory().getProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(crypto.signatureProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(crypto.aesGcmCipher().getProvider().getName()).isEqualTo("SunJCE");
    }

    @Test
    void systemPropertyForcesTheJdkFallback() {
        String before = System.getProperty(CryptoProvider.NATIVE_PROPERTY);
        try {
            System.setProperty(CryptoProvider.NATIVE_PROPERTY, "false");
            assertThat(CryptoProvider.detect().isNative()).isFalse();
            System.setProperty(CryptoProvider.NATIVE_PROPERTY, "true");
            assertThat(CryptoProvider.detect().isNative()).isEqualTo(CryptoProvider.detect(true).isNative());
        } finally {
            if (before == null) {
                System.clearProperty(CryptoProvider.NATIVE_PROPERTY);
            } else {
                System.setProperty(CryptoProvider.NATIVE_PROPERTY, before);
            }
        }
    }

    @Test
    void keysAreMadeByTheChosenProvider() {
        for (CryptoProvider crypto : TestKeys.providerList()) {
            KeyPair pair = new KeyPairs(crypto).generate(KeyFamily.RSA);
            // Key classes tell which provider made them: that is what makes ACCP signing fast.
            String expectedPackage = crypto.isNative() ? "com.amazon.corretto." : "sun.security.";
            assertThat(pair.getPrivate().getClass().getName()).as(crypto.name()).startsWith(expectedPackage);
        }
    }

    @Test
    void describesItselfWithoutSecrets() {
        CryptoProvider crypto = CryptoProvider.detect(true);
        assertThat(crypto.toString()).isEqualTo("CryptoProvider[" + crypto.name() + "]");
    }
}
