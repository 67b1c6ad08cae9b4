package dev.tessera.crypto;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The work factor of operator-supplied secrets, the equal cost of every refusal, and the bound on
 * concurrent slow checks. Work is compared by PBKDF2 iterations spent, not by wall-clock time.
 */
class SlowHashWorkTest {
    private static final int ITERATIONS = 1000;
    private final SlowHashGate gate = new SlowHashGate(1, Duration.ZERO);
    private final SecretHasher hasher = new SecretHasher(new byte[32], ITERATIONS, gate);

    @Test
    void suppliedSecretsUseOwaspsIterationCountByDefault() {
        assertThat(SecretHasher.ITERATIONS).isEqualTo(600_000);
        assertThat(new SecretHasher(new byte[32]).hashSupplied("pw")).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void hashesMadeWithAnOlderIterationCountStillVerify() {
        String old = new SecretHasher(new byte[32], 100).hashSupplied("SecretPassword");
        assertThat(old).startsWith("pbkdf2-sha256$100$");
        assertThat(hasher.matches("SecretPassword", old)).isTrue();
        assertThat(hasher.matches("secretpassword", old)).isFalse();
    }

    private long work(String secret, List<String> hashes) {
        long before = hasher.slowIterationsSpent();
        assertThat(hasher.matchesAny(secret, hashes)).isFalse();
        return hasher.slowIterationsSpent() - before;
    }

    @Test
    void everyRefusalCostsTheSameSlowWorkWhateverTheClientHas() {
        String fast = hasher.hashGenerated("generated-secret");
        String slow = hasher.hashSupplied("supplied-secret");
        String older = new SecretHasher(new byte[32], 100).hashSupplied("older-secret");
        long unknownClient = work("guess", List.of());
        assertThat(unknownClient).isEqualTo(2L * ITERATIONS);
        assertThat(work("guess", List.of(fast))).as("fast-hash client").isEqualTo(unknownClient);
        assertThat(work("guess", List.of(fast, hasher.hashGenerated("second")))).as("two fast").isEqualTo(unknownClient);
        assertThat(work("guess", List.of(slow))).as("supplied secret").isEqualTo(unknownClient);
        assertThat(work("guess", List.of(slow, fast))).as("supplied and generated").isEqualTo(unknownClient);
        assertThat(work("guess", List.of(slow, hasher.hashSupplied("other")))).as("two supplied").isEqualTo(unknownClient);
        assertThat(work("guess", List.of(older))).as("older iteration count").isEqualTo(unknownClient);
        assertThat(work("guess", List.of("pbkdf2-sha256$broken"))).as("malformed").isEqualTo(unknownClient);

        assertThat(hasher.matchesAny("supplied-secret", List.of(slow))).isTrue();
        assertThat(work("guess", List.of(slow))).as("after a remembered success").isEqualTo(unknownClient);
    }

    @Test
    void aRememberedSuccessAndAFastHashNeedNoSlowWorkAndNoPermit() {
        String slow = hasher.hashSupplied("supplied-secret");
        String fast = hasher.hashGenerated("generated-secret");
        assertThat(hasher.matches("supplied-secret", slow)).isTrue();
        gate.enter(); // every permit taken
        try {
            long before = hasher.slowIterationsSpent();
            assertThat(hasher.matches("supplied-secret", slow)).isTrue();
            assertThat(hasher.matches("generated-secret", fast)).isTrue();
            assertThat(hasher.slowIterationsSpent()).isEqualTo(before);
        } finally {
            gate.exit();
        }
    }

    @Test
    void aSlowCheckThatCannotGetAPermitIsRefusedNotQueued() {
        String slow = hasher.hashSupplied("supplied-secret");
        gate.enter();
        try {
            long before = hasher.slowIterationsSpent();
            assertThatThrownBy(() -> hasher.matches("supplied-secret", slow)).isInstanceOf(SlowHashBusyException.class);
            assertThatThrownBy(() -> hasher.matches("guess", hasher.hashGenerated("x"))).isInstanceOf(SlowHashBusyException.class);
            assertThat(hasher.slowIterationsSpent()).as("no work done while refused").isEqualTo(before);
        } finally {
            gate.exit();
        }
        assertThat(hasher.matches("supplied-secret", slow)).as("once a permit is free").isTrue();
    }

    @Test
    void onlyAFewRequestsPerPermitMayWaitTheRestAreRefusedAtOnce() throws Exception {
        SlowHashGate patient = new SlowHashGate(1, Duration.ofMinutes(5));
        patient.enter();
        List<Thread> waiters = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < SlowHashGate.WAITERS_PER_PERMIT; i++) {
            waiters.add(Thread.ofPlatform().start(() -> {
                patient.enter();
                entered.incrementAndGet();
                patient.exit();
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (patient.waiting() < SlowHashGate.WAITERS_PER_PERMIT && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(patient.waiting()).isEqualTo(SlowHashGate.WAITERS_PER_PERMIT);
        assertThatThrownBy(patient::enter).as("one waiter too many").isInstanceOf(SlowHashBusyException.class);
        patient.exit();
        for (Thread t : waiters) {
            t.join();
        }
        assertThat(entered).hasValue(SlowHashGate.WAITERS_PER_PERMIT);
        assertThat(patient.waiting()).isZero();
    }
}
