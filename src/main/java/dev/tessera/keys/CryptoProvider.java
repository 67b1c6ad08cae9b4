package dev.tessera.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider Tessera uses for all RSA and AES work: the native Amazon Corretto Crypto
 * Provider (ACCP) when it loads and passes its self tests, otherwise the JDK's own providers.
 *
 * <p>Measured on a 2-core machine, RS256 signing runs at roughly 7,100/s with ACCP and 2,300/s
 * with the JDK, but ACCP is only that fast when the private key object was itself created by
 * ACCP (a JDK-made key drops it to about 2,700/s). So every key pair, key factory and signature
 * must come from the same provider: use the factory methods here rather than
 * {@code KeyFactory.getInstance("RSA")}.
 *
 * <p>On JDK 24+ ACCP needs the JVM flag {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class CryptoProvider {

    /** System property; {@code false} forces the JDK providers even where ACCP is available. */
    public static final String NATIVE_PROPERTY = "tessera.crypto.native";

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static final AtomicBoolean LOGGED_NATIVE = new AtomicBoolean();
    private static final AtomicBoolean LOGGED_JDK = new AtomicBoolean();

    private final Provider accp;
    private final String name;
    private final String fallbackReason;

    private CryptoProvider(Provider accp, String name, String fallbackReason) {
        this.accp = accp;
        this.name = name;
        this.fallbackReason = fallbackReason;
    }

    /** Picks ACCP unless the system property {@value #NATIVE_PROPERTY} is {@code false}. */
    public static CryptoProvider detect() {
        return detect(!"false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY, "true").trim()));
    }

    /**
     * Picks ACCP when {@code allowNative} is true and ACCP is healthy; otherwise the JDK providers.
     * The first native probe also installs ACCP as the JVM's most preferred provider. Logs the
     * choice, and the reason for any fallback, once per JVM.
     */
    public static CryptoProvider detect(boolean allowNative) {
        if (!allowNative) {
            String reason = "native provider disabled (" + NATIVE_PROPERTY + "=false or by caller)";
            if (LOGGED_JDK.compareAndSet(false, true)) {
                LOG.info("Crypto provider: JDK; {}", reason);
            }
            return new CryptoProvider(null, "JDK", reason);
        }
        AccpProbe.Result probe = AccpProbe.result();
        if (probe.available()) {
            if (LOGGED_NATIVE.compareAndSet(false, true)) {
                LOG.info("Crypto provider: {} (native)", probe.description());
                if (!AccpProbe.nativeAccessEnabled()) {
                    // Works today with a JDK warning; future JDKs will refuse to load the library.
                    LOG.warn("ACCP loaded without native access granted; start the JVM with "
                            + "--enable-native-access=ALL-UNNAMED");
                }
            }
            return new CryptoProvider(probe.provider(), probe.description(), null);
        }
        if (LOGGED_JDK.compareAndSet(false, true)) {
            // A missing jar is expected off Linux; a present-but-broken ACCP deserves attention.
            if (AccpProbe.classPresent()) {
                LOG.warn("Crypto provider: JDK fallback, signing will be ~3x slower; {}", probe.failureReason());
            } else {
                LOG.info("Crypto provider: JDK fallback; {}", probe.failureReason());
            }
        }
        return new CryptoProvider(null, "JDK", probe.failureReason());
    }

    /** ACCP when native, or {@code null} meaning "the JDK's default providers". */
    public Provider provider() {
        return accp;
    }

    /** Human-readable provider name, e.g. {@code "ACCP 2.5.0 (AWS-LC 1.x)"} or {@code "JDK"}. */
    public String name() {
        return name;
    }

    /** Whether the native ACCP provider is in use. */
    public boolean isNative() {
        return accp != null;
    }

    /** Why the JDK providers are in use, or {@code null} when native. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /**
     * The provider to hand to Nimbus signers and verifiers. In JDK mode this is SunRsaSign by name,
     * not {@code null}: once ACCP is installed JVM-wide, "default" would silently mean ACCP again.
     */
    public Provider signatureProvider() {
        return accp != null ? accp : Security.getProvider("SunRsaSign");
    }

    /**
     * The provider for one key family's key pairs, key factory and signatures: ACCP when it offers
     * them (the key objects must come from the provider that signs with them), else the JDK's own
     * (SunRsaSign for RSA, SunEC for EC and Ed25519), named, for the reason given above.
     */
    public Provider providerFor(KeyFamily family) {
        if (family == KeyFamily.RSA) {
            return signatureProvider();
        }
        if (accp != null && accp.getService("KeyFactory", family.jcaName()) != null
                && accp.getService("KeyPairGenerator", family.jcaName()) != null
                && accp.getService("Signature", family == KeyFamily.ED25519 ? "Ed25519" : "SHA256withECDSA") != null) {
            return accp;
        }
        return Security.getProvider("SunEC");
    }

    /** A fresh key pair generator for a family, from {@link #providerFor}. */
    public KeyPairGenerator keyPairGenerator(KeyFamily family) {
        try {
            Provider p = providerFor(family);
            return p != null ? KeyPairGenerator.getInstance(family.jcaName(), p) : KeyPairGenerator.getInstance(family.jcaName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(family + " key pair generation unavailable in " + name, e);
        }
    }

    /** A fresh key factory for a family, from {@link #providerFor}; keys it loads are fast to sign with. */
    public KeyFactory keyFactory(KeyFamily family) {
        try {
            Provider p = providerFor(family);
            return p != null ? KeyFactory.getInstance(family.jcaName(), p) : KeyFactory.getInstance(family.jcaName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(family + " key factory unavailable in " + name, e);
        }
    }

    /** A fresh RSA key pair generator from this provider. */
    public KeyPairGenerator rsaKeyPairGenerator() {
        try {
            Provider p = signatureProvider();
            return p != null ? KeyPairGenerator.getInstance("RSA", p) : KeyPairGenerator.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key pair generation unavailable in " + name, e);
        }
    }

    /** A fresh RSA key factory from this provider; keys it loads are fast to sign with. */
    public KeyFactory rsaKeyFactory() {
        try {
            Provider p = signatureProvider();
            return p != null ? KeyFactory.getInstance("RSA", p) : KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key factory unavailable in " + name, e);
        }
    }

    /** A fresh, uninitialised AES-GCM cipher ({@code Cipher} objects are not thread-safe). */
    public Cipher aesGcmCipher() {
        try {
            Provider p = accp != null ? accp : Security.getProvider("SunJCE");
            return p != null ? Cipher.getInstance("AES/GCM/NoPadding", p) : Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in " + name, e);
        }
    }

    @Override
    public String toString() {
        return "CryptoProvider[" + name + "]";
    }
}
