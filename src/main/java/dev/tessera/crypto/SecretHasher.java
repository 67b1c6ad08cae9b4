package dev.tessera.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and verifies client secrets.
 *
 * <p>Generated secrets carry over 190 bits of entropy, so a keyed fast hash (HMAC-SHA256 with a
 * pepper derived from the master key) is as strong as a slow KDF and keeps the token endpoint
 * fast. A secret an operator supplies may be weak, so it gets PBKDF2 (100,000 iterations, keyed by the pepper);
 * a successful verification is remembered as its HMAC so later requests cost one HMAC.
 * Every comparison is constant-time.
 */
public final class SecretHasher {
    private static final String FAST = "hmac-sha256";
    private static final String SLOW = "pbkdf2-sha256";
    private static final int ITERATIONS = 100_000;
    private static final int MAX_REMEMBERED = 50_000;

    private final byte[] pepper;
    private final int slowIterations;
    /** stored slow hash → HMAC of the secret that matched it. */
    private final ConcurrentHashMap<String, byte[]> verified = new ConcurrentHashMap<>();

    public SecretHasher(byte[] pepper) {
        this(pepper, ITERATIONS);
    }

    /** For tests that do not want to wait for the full iteration count. */
    public SecretHasher(byte[] pepper, int slowIterations) {
        this.pepper = pepper.clone();
        this.slowIterations = slowIterations;
    }

    /** Hash of a secret Tessera generated itself. */
    public String hashGenerated(String secret) {
        return FAST + "$" + b64(hmac(secret));
    }

    /** Hash of a secret an operator supplied. */
    public String hashSupplied(String secret) {
        byte[] salt = RandomStrings.bytes(16);
        return SLOW + "$" + slowIterations + "$" + b64(salt) + "$" + b64(pbkdf2(secret, salt, slowIterations));
    }

    public boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        if (stored.startsWith(FAST + "$")) {
            return MessageDigest.isEqual(hmac(secret), unb64(stored.substring(FAST.length() + 1)));
        }
        if (stored.startsWith(SLOW + "$")) {
            byte[] quick = hmac(secret);
            byte[] known = verified.get(stored);
            if (known != null && MessageDigest.isEqual(quick, known)) {
                return true;
            }
            String[] parts = stored.split("\\$");
            if (parts.length != 4) {
                return false;
            }
            byte[] expected = unb64(parts[3]);
            boolean ok = MessageDigest.isEqual(pbkdf2(secret, unb64(parts[2]), Integer.parseInt(parts[1])), expected);
            if (ok) {
                if (verified.size() >= MAX_REMEMBERED) {
                    verified.clear();
                }
                verified.put(stored, quick);
            }
            return ok;
        }
        return false;
    }

    /** One initialised Mac per thread: provider lookup and key set-up are not repeated per request. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private byte[] hmac(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        try {
            // The pepper is mixed into the password so a stolen database alone cannot be brute-forced.
            char[] password = (b64(pepper) + ":" + secret).toCharArray();
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
