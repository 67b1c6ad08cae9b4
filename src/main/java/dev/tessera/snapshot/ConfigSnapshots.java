package dev.tessera.snapshot;

import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.claim.Claim;
import dev.tessera.claim.ClaimRepository;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.client.ClientSecret;
import dev.tessera.client.ClientSecretRepository;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.Jwks;
import dev.tessera.keys.TokenVerifier;
import dev.tessera.keys.SigningKey;
import dev.tessera.keys.SigningKeyStore;
import dev.tessera.keys.StoredKey;
import dev.tessera.keys.KeyAlgorithm;
import dev.tessera.keys.KeyLifecycle;
import dev.tessera.authserver.SigningAlgorithm;
import java.time.Duration;
import java.util.Collections;
import dev.tessera.scope.Scope;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.Jdbc;
import dev.tessera.template.ClaimTemplate;
import dev.tessera.template.TemplateSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory configuration of every auth server the OAuth endpoints have served, loaded on
 * first use and dropped when a change under that auth server is committed (the next request
 * loads it afresh). Token requests therefore read no configuration from the database.
 *
 * <p>Each auth server has one slot holding the future of its snapshot. Requests that miss
 * together share one load. A snapshot enters a slot only in two ways: a load that starts after
 * the slot was emptied, or a client patch that compare-and-sets the exact snapshot it was built
 * from. A change empties the slot, so neither can bring back a snapshot older than the change.
 */
public final class ConfigSnapshots implements AuthServerEvents {
    private static final Logger log = LoggerFactory.getLogger(ConfigSnapshots.class);

    private final AuthServerRepository servers;
    private final ScopeRepository scopes;
    private final ClaimRepository claims;
    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final SigningKeyStore keys;
    private final KeyLifecycle lifecycle;
    private final Issuers issuers;
    private final CryptoProvider crypto;
    private final SlugDirectory slugs;

    /** Bounded by the auth servers that exist: a slot whose server is gone is removed after its load. */
    private final ConcurrentHashMap<UUID, CompletableFuture<Optional<AuthServerConfig>>> configs = new ConcurrentHashMap<>();
    /** A seam for tests: runs after a client patch is built and before it is stored. */
    volatile Runnable beforeClientPatchStored = () -> { };

    public ConfigSnapshots(Jdbc jdbc, SigningKeyStore keys, Issuers issuers, CryptoProvider crypto) {
        this(jdbc, new KeyLifecycle(keys, Duration.ofHours(1), Duration.ofMinutes(1)), issuers, crypto);
    }

    public ConfigSnapshots(Jdbc jdbc, KeyLifecycle lifecycle, Issuers issuers, CryptoProvider crypto) {
        this.crypto = crypto;
        this.lifecycle = lifecycle;
        SigningKeyStore keys = lifecycle.store();
        this.servers = new AuthServerRepository(jdbc);
        this.scopes = new ScopeRepository(jdbc);
        this.claims = new ClaimRepository(jdbc);
        this.clients = new ClientRepository(jdbc);
        this.secrets = new ClientSecretRepository(jdbc);
        this.keys = keys;
        this.issuers = issuers;
        this.slugs = new SlugDirectory(slug -> jdbc.queryOne("SELECT id FROM auth_servers WHERE slug = ?",
                rs -> UUID.fromString(rs.getString(1)), slug));
    }

    /** The auth server whose issuer uses this slug. */
    public Optional<AuthServerConfig> bySlug(String slug) {
        Optional<UUID> id = slugs.idOf(slug);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<AuthServerConfig> config = byId(id.get());
        if (config.isEmpty()) {
            slugs.forget(slug); // the auth server was deleted; slugs are never reused
        }
        return config;
    }

    public Optional<AuthServerConfig> byId(UUID id) {
        CompletableFuture<Optional<AuthServerConfig>> slot = configs.get(id);
        if (slot == null) {
            CompletableFuture<Optional<AuthServerConfig>> mine = new CompletableFuture<>();
            slot = configs.putIfAbsent(id, mine);
            if (slot == null) {
                return loadInto(id, mine);
            }
        }
        try {
            return slot.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Optional<AuthServerConfig> loadInto(UUID id, CompletableFuture<Optional<AuthServerConfig>> slot) {
        try {
            Optional<AuthServerConfig> loaded = load(id);
            slot.complete(loaded);
            if (loaded.isEmpty()) {
                configs.remove(id, slot); // no such auth server: keep no slot for it
            }
            return loaded;
        } catch (RuntimeException | Error e) {
            configs.remove(id, slot);
            slot.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * One client (or its secrets) changed: only that client is read again and swapped into the
     * cached snapshot, so an auth server with many clients is not reloaded whole.
     */
    @Override
    public void clientChanged(UUID authServerId, String clientId) {
        CompletableFuture<Optional<AuthServerConfig>> slot = configs.get(authServerId);
        if (slot == null) {
            return; // not loaded here; the next request loads it whole
        }
        AuthServerConfig current = slot.isDone() && !slot.isCompletedExceptionally() ? slot.join().orElse(null) : null;
        if (current == null) {
            // A load in flight may have read this client before the change: let the next request load afresh.
            configs.remove(authServerId, slot);
            return;
        }
        Map<String, ClientEntry> updated = new HashMap<>(current.clients());
        Optional<Client> client = clients.find(authServerId, clientId);
        if (client.isPresent()) {
            List<ClientSecret> enabled = secrets.enabled(authServerId, clientId);
            List<String> hashes = enabled.stream().map(ClientSecret::hash).toList();
            updated.put(clientId, new ClientEntry(client.get(), hashes,
                    TemplateContexts.of(TemplateContexts.authServer(current.server()), client.get()),
                    enabled.stream().filter(s -> s.sealed() != null).toList()));
        } else {
            updated.remove(clientId);
        }
        beforeClientPatchStored.run();
        var patched = CompletableFuture.completedFuture(Optional.of(current.withClients(Map.copyOf(updated))));
        if (!configs.replace(authServerId, slot, patched)) {
            // Another change got in first; what is cached now may lack this client's change.
            configs.remove(authServerId);
        }
    }

    /** A new auth server gets its first signing key, of its algorithm, in the same transaction; the key is generated before it. */
    @Override
    public Jdbc.TxAction prepareCreation(AuthServer server) {
        return lifecycle.prepareCreation(server.id(), KeyAlgorithm.fromJoseName(server.signingAlgorithm().name()));
    }

    @Override
    public Jdbc.TxAction prepareAlgorithmChange(UUID authServerId, SigningAlgorithm algorithm) {
        return lifecycle.prepareAlgorithmChange(authServerId, KeyAlgorithm.fromJoseName(algorithm.name()));
    }

    @Override
    public void changed(UUID authServerId) {
        configs.remove(authServerId);
        slugs.forgetMisses(); // the change may be this auth server's creation
    }

    /** Forgets every snapshot (after this node may have missed change notifications). */
    public void clear() {
        configs.clear();
        slugs.forgetMisses();
    }

    private Optional<AuthServerConfig> load(UUID id) {
        Optional<AuthServer> found = servers.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuthServer server = found.get();
        List<Scope> scopeList = scopes.all(id);
        Map<String, Scope> byName = new HashMap<>();
        scopeList.forEach(s -> byName.put(s.name(), s));
        List<CompiledClaim> compiled = new ArrayList<>();
        for (Claim c : claims.all(id)) {
            compiled.add(compile(c));
        }
        Map<String, List<String>> hashes = new HashMap<>();
        Map<String, List<ClientSecret>> sealed = new HashMap<>();
        for (ClientSecret s : secrets.enabled(id)) {
            hashes.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(s.hash());
            if (s.sealed() != null) {
                sealed.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Object> serverContext = TemplateContexts.authServer(server);
        Map<String, ClientEntry> clientEntries = new HashMap<>();
        for (Client c : clients.all(id)) {
            clientEntries.put(c.id(), new ClientEntry(c, List.copyOf(hashes.getOrDefault(c.id(), List.of())),
                    TemplateContexts.of(serverContext, c), sealed.getOrDefault(c.id(), List.of())));
        }
        List<StoredKey> stored = keys.publishedWithActive(id, KeyAlgorithm.fromJoseName(server.signingAlgorithm().name()));
        SigningKey active = stored.stream().filter(StoredKey::active).map(StoredKey::key)
                .findFirst().orElseThrow(() -> new IllegalStateException("auth server " + id + " has no active signing key"));
        Map<String, SigningKey> published = new LinkedHashMap<>();
        for (StoredKey k : stored) {
            published.put(k.key().kid(), k.key());
        }
        List<SigningKey> publishedList = List.copyOf(published.values());
        return Optional.of(new AuthServerConfig(server, issuers.issuer(server.slug()), List.copyOf(scopeList), Map.copyOf(byName),
                List.copyOf(compiled), Map.copyOf(clientEntries), active, Collections.unmodifiableMap(published),
                Jwks.renderKeys(publishedList), new TokenVerifier(crypto, Map.copyOf(published)::get)));
    }

    private static CompiledClaim compile(Claim c) {
        try {
            return new CompiledClaim(c, ClaimTemplate.parse(c.value()), null);
        } catch (TemplateSyntaxException e) {
            // Values are checked when saved; one that no longer parses (e.g. after an upgrade) refuses tokens.
            log.warn("claim {} of auth server {} does not parse as a template: {}", c.name(), c.authServerId(), e.getMessage());
            return new CompiledClaim(c, null, e.getMessage());
        }
    }
}
