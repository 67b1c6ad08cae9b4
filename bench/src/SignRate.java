import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.KeyFamily;
import dev.tessera.keys.KeyPairs;
import dev.tessera.keys.SigningKey;
import dev.tessera.keys.TokenSigner;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Raw RS256 signing rate of the crypto provider Tessera picks, with N threads (2 by default).
 *
 * <p>Run from the repository root after a build (single-file source launch; use the server's
 * JDK, 21 or newer):
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp 'target/tessera.jar:target/lib/*' \
 *        bench/src/SignRate.java [seconds=5] [threads=2]
 * </pre>
 *
 * <p>Two measurements, each after a warm-up of a fifth of the time (at least 1 s):
 * <ol>
 *   <li>{@code raw}: {@code java.security.Signature} SHA256withRSA from the provider, with a key
 *       loaded through {@link KeyPairs} from PKCS#8 exactly as the server loads its stored keys,
 *       signing a 600-byte JWT signing input — the ceiling for tokens/s.</li>
 *   <li>{@code token_signer}: Tessera's {@link TokenSigner} building a whole JWT (claims JSON with
 *       a fresh jti, base64url, signature) — what the token endpoint pays before HTTP and storage.</li>
 * </ol>
 * Prints {@code SIGNRATE_PROVIDER <name>} and one parseable {@code SIGNRATE key=value ...} line.
 */
public class SignRate {

    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface OpFactory {
        /** Called once per thread: per-thread state (Signature objects are not thread-safe). */
        Op create() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        double warmup = Math.max(1.0, seconds / 5);

        CryptoProvider crypto = CryptoProvider.detect();
        KeyPairs pairs = new KeyPairs(crypto);
        SigningKey fresh = pairs.generateSigningKey(System.currentTimeMillis() * 1000);
        // Round-trip through the encodings, as the server does with keys from the database.
        SigningKey key = new SigningKey(fresh.kid(), fresh.alg(),
                pairs.loadPublic(KeyFamily.RSA, KeyPairs.encodePublic(fresh.publicKey())),
                pairs.loadPrivate(KeyFamily.RSA, KeyPairs.encodePrivate(fresh.privateKey())), fresh.createdAtMicros());
        Provider provider = crypto.signatureProvider();

        byte[] input = new byte[600];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) ('A' + i % 26);
        }
        double raw = measure(threads, warmup, seconds, () -> {
            Signature s = provider != null ? Signature.getInstance("SHA256withRSA", provider)
                    : Signature.getInstance("SHA256withRSA");
            s.initSign(key.privateKey());
            return () -> {
                s.update(input);
                s.sign();
            };
        });

        TokenSigner signer = new TokenSigner(crypto);
        String issuer = "http://127.0.0.1:18480/abcdefghijklmnop/auth";
        double token = measure(threads, warmup, seconds, () -> () -> {
            long now = System.currentTimeMillis() / 1000;
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("team", "BENCH-AS1-CLIENT-0001");
            claims.put("tier", "gold");
            claims.put("tenant", "tenant/t001");
            claims.put("iss", issuer);
            claims.put("sub", "abcdefghij0123456789");
            claims.put("client_id", "abcdefghij0123456789");
            claims.put("aud", List.of("https://api-1.bench.test"));
            claims.put("scope", "read");
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", now);
            claims.put("nbf", now);
            claims.put("exp", now + 3600);
            signer.sign(key, "RS256", TokenSigner.TYP_JWT, claims);
        });

        System.out.println("SIGNRATE_PROVIDER " + crypto.name());
        System.out.printf("SIGNRATE native=%s threads=%d seconds=%.1f raw_rs256_per_s=%.0f token_signer_per_s=%.0f%n",
                crypto.isNative(), threads, seconds, raw, token);
    }

    /** Runs {@code threads} copies of the op for warm-up then {@code seconds}; returns ops per second. */
    static double measure(int threads, double warmup, double seconds, OpFactory factory) throws Exception {
        LongAdder ops = new LongAdder();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // measurement window start and end, System.nanoTime()
        Thread[] workers = new Thread[threads];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().name("sign-" + t).start(() -> {
                try {
                    Op op = factory.create();
                    ready.countDown();
                    go.await();
                    long measureFrom = window[0];
                    long end = window[1];
                    long n = 0;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        op.run();
                        if (now >= measureFrom) {
                            n++;
                        }
                    }
                    ops.add(n);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    ready.countDown();
                }
            });
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + (long) (warmup * 1e9);
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown(); // the latch publishes window[] to the workers
        for (Thread w : workers) {
            w.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("signing failed", failure[0]);
        }
        return ops.sum() / seconds;
    }
}
