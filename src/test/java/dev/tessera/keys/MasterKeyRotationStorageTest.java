package dev.tessera.keys;

import dev.tessera.config.ConfigException;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Master-key rotation with keys from the environment (new key current, old key previous), on both databases. */
class MasterKeyRotationStorageTest {
    private static final MasterKey OLD = MasterKey.fromBytes(new byte[32]);
    private static final MasterKey NEW = MasterKey.generate();

    private static SigningKeyStore store(StorageFixture db, MasterKey key) {
        return new SigningKeyStore(db.jdbc, new KeyPairs(StorageFixture.CRYPTO),
                new KeyEncryption(key.derive(MasterKey.SIGNING_KEY_PURPOSE), StorageFixture.CRYPTO));
    }

    @BothBackends
    void everyKeyMovesToTheNewMasterKeyAndTheHashKeysStayTheSame(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            MasterKeys before = new MasterKeys(OLD, null, null);
            before.verify(db.jdbc);
            MasterKeys.HashKeys hashKeys = before.hashKeys(db.jdbc);
            KeyLifecycle lifecycle = new KeyLifecycle(store(db, OLD), Duration.ofHours(1), Duration.ofMinutes(1));
            List<UUID> ids = List.of(db.authServerWithoutKey().id(), db.authServerWithoutKey().id());
            db.jdbc.execute(lifecycle.prepareCreation(ids.get(0), KeyAlgorithm.ES384));
            db.jdbc.execute(lifecycle.prepareCreation(ids.get(1), KeyAlgorithm.RS256));
            lifecycle.rotate(ids.get(1), KeyAlgorithm.EdDSA, false);

            // Without the old key as previous, the command refuses and changes nothing.
            assertThatThrownBy(() -> new MasterKeyRotation(db.jdbc, StorageFixture.CRYPTO, step -> { })
                    .rotate(new MasterKeys(OLD, null, null))).isInstanceOf(IllegalStateException.class);

            var result = new MasterKeyRotation(db.jdbc, StorageFixture.CRYPTO, step -> { })
                    .rotate(new MasterKeys(NEW, OLD, null));
            assertThat(result.reencrypted()).isEqualTo(3);

            MasterKeys after = new MasterKeys(NEW, null, null);
            after.verify(db.jdbc);
            assertThat(after.hashKeys(db.jdbc).clientSecretPepper()).isEqualTo(hashKeys.clientSecretPepper());
            assertThat(after.hashKeys(db.jdbc).adminTokenHash()).isEqualTo(hashKeys.adminTokenHash());
            assertThat(store(db, NEW).published(ids.get(0))).hasSize(1);
            assertThat(store(db, NEW).published(ids.get(1))).hasSize(2);
            assertThatThrownBy(() -> store(db, OLD).published(ids.get(0))).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> new MasterKeys(OLD, null, null).verify(db.jdbc)).isInstanceOf(ConfigException.class);
            // Run again: nothing left to do, nothing breaks.
            assertThat(new MasterKeyRotation(db.jdbc, StorageFixture.CRYPTO, step -> { })
                    .rotate(new MasterKeys(NEW, OLD, null)).reencrypted()).isZero();
        }
    }
}
