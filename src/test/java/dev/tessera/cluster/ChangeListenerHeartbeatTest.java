package dev.tessera.cluster;

import dev.tessera.authserver.AuthServer;
import dev.tessera.support.Backend;
import dev.tessera.support.TcpProxy;
import dev.tessera.support.StorageFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener connection that goes silent (half-open: no error, no bytes) is found dead by the
 * heartbeat, replaced, and what was committed meanwhile is reloaded.
 */
class ChangeListenerHeartbeatTest {
    private static final PostgresChangeBus.Timing FAST = new PostgresChangeBus.Timing(
            Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(50));

    /** Records what the bus reports, in order. */
    private static final class Recorder implements ChangeBus.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onConfigChanged(UUID authServerId) {
            events.add("config " + authServerId);
        }

        @Override
        public void onClientChanged(UUID authServerId, String clientId) {
            events.add("client " + authServerId + " " + clientId);
        }

        @Override
        public void onTokenRevoked(UUID jti, long expiresAtMicros) {
            events.add("revoked " + jti);
        }

        @Override
        public void resynchronise() {
            events.add("resynchronise");
        }

        /** Waits for the expected event, skipping others; false if it does not come within five seconds. */
        boolean awaits(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (expected.equals(e)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aSilentlyDeadListenerConnectionIsReplacedAndWhatWasMissedIsReloaded() throws Exception {
        try (StorageFixture db = StorageFixture.open(Backend.POSTGRESQL);
             TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
            String listenerUrl = db.jdbcUrl().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            Recorder recorder = new Recorder();
            try (PostgresChangeBus bus = PostgresChangeBus.start(db.database.dataSource(), listenerUrl, recorder, FAST)) {
                assertThat(recorder.awaits("resynchronise")).as("first connection").isTrue();
                AuthServer first = db.authServerWithoutKey();
                assertThat(recorder.awaits("config " + first.id())).isTrue();

                proxy.freezeOpenConnections();
                AuthServer second = db.authServerWithoutKey(); // its notification goes into the void
                assertThat(recorder.awaits("resynchronise")).as("reloaded after reconnecting").isTrue();
                assertThat(recorder.events).doesNotContain("config " + second.id());

                AuthServer third = db.authServerWithoutKey();
                assertThat(recorder.awaits("config " + third.id())).as("the new connection listens").isTrue();
            }
        }
    }
}
