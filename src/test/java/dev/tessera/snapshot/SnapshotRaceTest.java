package dev.tessera.snapshot;

import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.scope.Scope;
import dev.tessera.support.Backend;
import dev.tessera.support.StorageFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A client patch and a whole-server change that overlap must never bring back the older snapshot. */
class SnapshotRaceTest {
    private StorageFixture db;
    private ConfigSnapshots snapshots;

    @BeforeEach
    void open() {
        db = StorageFixture.open(Backend.SQLITE);
        snapshots = new ConfigSnapshots(db.jdbc, db.keys, db.issuers, StorageFixture.CRYPTO);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aClientPatchOverlappingAConfigChangeDoesNotReinstateTheOldScopes() throws Exception {
        AuthServer server = db.authServerWithoutKey();
        Scope read = db.scope(server.id(), "read", true);
        Client client = db.client(server.id(), "one");
        assertThat(snapshots.byId(server.id()).orElseThrow().scopesByName().get("read").enabled()).isTrue();

        // The client is renamed (a client change) while, on another request, the scope is disabled (a config change).
        db.renameClient(client, "renamed");
        db.updateScope(new Scope(read.authServerId(), read.id(), read.name(), "", false, false, false,
                read.createdAt(), read.updatedAt() + 1));
        CountDownLatch patchReady = new CountDownLatch(1);
        CountDownLatch configChanged = new CountDownLatch(1);
        snapshots.beforeClientPatchStored = () -> {
            patchReady.countDown();
            await(configChanged);
        };
        Thread patcher = Thread.ofPlatform().start(() -> snapshots.clientChanged(server.id(), client.id()));
        assertThat(patchReady.await(5, TimeUnit.SECONDS)).isTrue();
        snapshots.changed(server.id());
        configChanged.countDown();
        patcher.join(5000);
        snapshots.beforeClientPatchStored = () -> { };

        AuthServerConfig now = snapshots.byId(server.id()).orElseThrow();
        assertThat(now.scopesByName().get("read").enabled()).as("scope disabled after the change").isFalse();
        assertThat(now.clients().get(client.id()).client().name()).isEqualTo("renamed");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other path");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
