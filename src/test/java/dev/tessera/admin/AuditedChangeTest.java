package dev.tessera.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.audit.AuditLog;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.claim.ClaimRepository;
import dev.tessera.client.ClientRepository;
import dev.tessera.client.SecretSealing;
import dev.tessera.keys.KeyEncryption;
import dev.tessera.client.ClientSecretRepository;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.PageRequest;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.StorageFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's change and its audit event commit together, and change events follow only a commit. */
class AuditedChangeTest {

    private static final class RecordedEvents implements AuthServerEvents {
        final List<UUID> changed = new ArrayList<>();

        @Override
        public void changed(UUID authServerId) {
            changed.add(authServerId);
        }
    }

    private record Setup(ScopeService scopes, Changes changes, AuditLog audit, RecordedEvents events) {
        static Setup on(StorageFixture db) {
            RecordedEvents events = new RecordedEvents();
            AuditLog audit = new AuditLog(db.jdbc);
            Changes changes = new Changes(db.jdbc, audit, events);
            AdminContext admin = new AdminContext(db.jdbc, new AuthServerRepository(db.jdbc), new ScopeRepository(db.jdbc),
                    new ClaimRepository(db.jdbc), new ClientRepository(db.jdbc), new ClientSecretRepository(db.jdbc),
                    new SecretHasher(new byte[32], 1000),
                    new SecretSealing(new KeyEncryption(new byte[32], StorageFixture.CRYPTO)), db.issuers, events, v -> null,
                    65536, changes);
            return new Setup(new ScopeService(admin), changes, audit, events);
        }
    }

    private static ScopeFields scope(String name) {
        return new ScopeFields(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Change.Request post(AuthServer server) {
        return new Change.Request("POST", "/v1/auth-servers/" + server.id() + "/scopes",
                JsonNodeFactory.instance.objectNode().put("name", "read"));
    }

    @BothBackends
    void aCommittedChangeHasItsEventAndItsChangeEvent(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            Setup s = Setup.on(db);
            AuthServer server = db.authServerWithoutKey();
            Change.Origin origin = new Change.Origin(UUID.randomUUID(), "ci", "trace-1");

            var created = s.changes().run(origin, post(server), c -> s.scopes().create(c, server.id(), scope("read")));

            var events = s.audit().list(PageRequest.first(100)).items();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.resourceType()).isEqualTo("scope");
                assertThat(e.resourceId()).isEqualTo(created.id().toString());
                assertThat(e.authServerId()).isEqualTo(server.id().toString());
                assertThat(e.adminTokenName()).isEqualTo("ci");
                assertThat(e.traceId()).isEqualTo("trace-1");
                assertThat(e.status()).isEqualTo(201);
            });
            assertThat(s.events().changed).containsExactly(server.id());
        }
    }

    @BothBackends
    void aChangeThatFailsAfterItsEventLeavesNeitherBehind(Backend backend) {
        try (StorageFixture db = StorageFixture.open(backend)) {
            Setup s = Setup.on(db);
            AuthServer server = db.authServerWithoutKey();
            Change.Origin origin = new Change.Origin(UUID.randomUUID(), "ci", "trace-2");

            assertThatThrownBy(() -> s.changes().run(origin, post(server), c -> {
                s.scopes().create(c, server.id(), scope("read"));
                // The second create of the same name fails inside the same transaction: a 409.
                return s.scopes().create(c, server.id(), scope("read"));
            })).hasMessageContaining("already exists");

            assertThat(new ScopeRepository(db.jdbc).all(server.id())).isEmpty();
            assertThat(s.audit().list(PageRequest.first(100)).items()).isEmpty();
            assertThat(s.events().changed).isEmpty();
        }
    }
}
