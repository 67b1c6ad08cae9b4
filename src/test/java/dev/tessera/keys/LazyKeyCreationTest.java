package dev.tessera.keys;

import dev.tessera.authserver.AuthServer;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes creating the first signing key of one auth server at once end up with one active key. */
class LazyKeyCreationTest {

    @BothBackends
    void twoNodesCreatingTheFirstKeyAtOnceAgreeOnOneActiveKey(Backend backend) throws Exception {
        try (StorageFixture db = StorageFixture.open(backend)) {
            AuthServer server = db.authServerWithoutKey();
            SigningKeyStore nodeA = new SigningKeyStore(db.jdbc, new KeyPairs(StorageFixture.CRYPTO),
                    new KeyEncryption(new byte[32], StorageFixture.CRYPTO));
            SigningKeyStore nodeB = new SigningKeyStore(db.jdbc, new KeyPairs(StorageFixture.CRYPTO),
                    new KeyEncryption(new byte[32], StorageFixture.CRYPTO));
            // Both have seen "no active key" and generated one before either inserts.
            List<StoredKey> seenByA;
            List<StoredKey> seenByB;
            CyclicBarrier bothFoundNone = new CyclicBarrier(2);
            Runnable meet = () -> {
                try {
                    bothFoundNone.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            nodeA.beforeLazyInsert = meet;
            nodeB.beforeLazyInsert = meet;

            try (ExecutorService twoNodes = Executors.newFixedThreadPool(2)) {
                Future<List<StoredKey>> a = twoNodes.submit(() -> nodeA.publishedWithActive(server.id()));
                Future<List<StoredKey>> b = twoNodes.submit(() -> nodeB.publishedWithActive(server.id()));
                seenByA = a.get(60, TimeUnit.SECONDS);
                seenByB = b.get(60, TimeUnit.SECONDS);
            }

            long active = db.jdbc.count("SELECT COUNT(*) FROM signing_keys WHERE auth_server_id = ? AND state = ?",
                    server.id().toString(), "active");
            assertThat(active).isEqualTo(1);
            assertThat(activeKid(seenByA)).isEqualTo(activeKid(seenByB));
        }
    }

    private static String activeKid(List<StoredKey> keys) {
        return keys.stream().filter(StoredKey::active).map(k -> k.key().kid()).findFirst().orElseThrow();
    }
}
