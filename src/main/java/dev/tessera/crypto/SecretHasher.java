package dev.tessera.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and verifies client secrets.
 *
 * <p>Generated secrets carry over 190 bits of entropy, so a keyed fast hash (HMAC-SHA256 with a
 * pepper derived from the master key) is as strong as a slow KDF and keeps the token endpoint
 * fast. A secret an operator supplies may be weak, so it gets PBKDF2-HMAC-SHA256 with 600,000
 * iterations (OWASP's current guidance), keyed by the pepper; the stored hash records its
 * iteration count, so hashes made with an older count still verify. A successful verification is
 * remembered as its HMAC so later requests cost one HMAC. Every comparison is constant-time.
 *
 * <p>A failed verification always spends the same PBKDF2 work, {@value #SLOTS} × the configured
 * iterations, whatever the stored hashes were (none, fast, slow, older counts): the time of a
 * refusal then tells nothing about whether a client exists or how its secret is stored. That
 * work runs under a {@link SlowHashGate}, so guesses cannot take every core.
 */
public final class SecretHasher {
    public static final int ITERATIONS = 600_000;
    /** A client has at most two enabled secrets: the most slow hashes a legitimate check can need. */
    static final int SLOTS = 2;
    private static final String FAST = "hmac-sha256";
    private static final String SLOW = "pbkdf2-sha256";
    private static final int MAX_REMEMBERED = 50_000;
    private static final byte[] DUMMY_SALT = new byte[16];

    private final byte[] pepper;
    private final int slowIterations;
    private final SlowHashGate gate;
    private final LongAdder iterationsSpent = new LongAdder();
    /** stored slow hash → HMAC of the secret that matched it. */
    private final Cache<String, byte[]> verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .executor(Runnable::run).build();

    public SecretHasher(byte[] pepper) {
        this(pepper, ITERATIONS);
    }

    /** For tests that do not want to wait for the full iteration count. */
    public SecretHasher(byte[] pepper, int slowIterations) {
        this(pepper, slowIterations, new SlowHashGate(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Duration.ofSeconds(1)));
    }

    public SecretHasher(byte[] pepper, int slowIterations, SlowHashGate gate) {
        this.pepper = pepper.clone();
        this.slowIterations = slowIterations;
        this.gate = gate;
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
        return matchesAny(secret, Collections.singletonList(stored));
    }

    /**
     * Whether {@code secret} matches one of the stored hashes. Fast hashes and remembered slow
     * successes are checked first (one HMAC); only when they do not match is PBKDF2 run, under the
     * gate, for the same total work on every failure.
     *
     * @throws SlowHashBusyException when no slow-check permit came free within the gate's wait
     */
    public boolean matchesAny(String secret, List<String> storedHashes) {
        if (secret == null) {
            return false;
        }
        byte[] quick = hmac(secret);
        boolean ok = false;
        for (String stored : storedHashes) {
            if (stored == null) {
                continue;
            }
            if (stored.startsWith(FAST + "$")) {
                ok |= MessageDigest.isEqual(quick, unb64(stored.substring(FAST.length() + 1)));
            } else if (stored.startsWith(SLOW + "$")) {
                byte[] known = verified.getIfPresent(stored);
                ok |= known != null && MessageDigest.isEqual(quick, known);
            }
        }
        if (ok) {
            return true;
        }
        gate.enter();
        try {
            return slowCheck(secret, quick, storedHashes);
        } finally {
            gate.exit();
        }
    }

    private boolean slowCheck(String secret, byte[] quick, List<String> storedHashes) {
        long budget = (long) SLOTS * slowIterations;
        long spent = 0;
        for (String stored : storedHashes) {
            SlowHash slow = stored == null ? null : SlowHash.parse(stored);
            // a remembered hash did not match above, so this secret is not the one that matched it
            if (slow == null || verified.getIfPresent(stored) != null) {
                continue;
            }
            spent += slow.iterations;
            if (MessageDigest.isEqual(pbkdf2(secret, slow.salt, slow.iterations), slow.hash)) {
                verified.put(stored, quick);
                return true;
            }
        }
        if (spent < budget) {
            pbkdf2(secret, DUMMY_SALT, (int) (budget - spent)); // pad every failure to the same work
        }
        return false;
    }

    /** PBKDF2 iterations run so far (exported as a metric; tests compare the work of refusals with it). */
    public long slowIterationsSpent() {
        return iterationsSpent.sum();
    }

    private record SlowHash(int iterations, byte[] salt, byte[] hash) {
        static SlowHash parse(String stored) {
            if (!stored.startsWith(SLOW + "$")) {
                return null;
            }
            String[] parts = stored.split("\\$");
            if (parts.length != 4) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = unb64(parts[2]);
                byte[] hash = unb64(parts[3]);
                return iterations < 1 || iterations > 10_000_000 || salt.length == 0 || hash.length == 0
                        ? null : new SlowHash(iterations, salt, hash);
            } catch (NumberFormatException e) {
                return null;
            }
        }
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
        iterationsSpent.add(iterations);
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
