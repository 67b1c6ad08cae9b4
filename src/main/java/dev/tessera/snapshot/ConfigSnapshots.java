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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory configuration of every auth server the OAuth endpoints have served, loaded on
 * first use and dropped when the management API commits a change under that auth server
 * (the next request loads it afresh). Token requests therefore read no configuration from
 * the database. A generation counter stops a load that raced with a change from caching
 * stale data.
 */
public final class ConfigSnapshots implements AuthServerEvents {
    private static final Logger log = LoggerFactory.getLogger(ConfigSnapshots.class);

    private final Jdbc jdbc;
    private final AuthServerRepository servers;
    private final ScopeRepository scopes;
    private final ClaimRepository claims;
    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final SigningKeyStore keys;
    private final Issuers issuers;
    private final CryptoProvider crypto;

    private final ConcurrentHashMap<String, UUID> idsBySlug = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, AuthServerConfig> configs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Long> generations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Object> locks = new ConcurrentHashMap<>();

    public ConfigSnapshots(Jdbc jdbc, SigningKeyStore keys, Issuers issuers, CryptoProvider crypto) {
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.servers = new AuthServerRepository(jdbc);
        this.scopes = new ScopeRepository(jdbc);
        this.claims = new ClaimRepository(jdbc);
        this.clients = new ClientRepository(jdbc);
        this.secrets = new ClientSecretRepository(jdbc);
        this.keys = keys;
        this.issuers = issuers;
    }

    /** The auth server whose issuer uses this slug. */
    public Optional<AuthServerConfig> bySlug(String slug) {
        UUID id = idsBySlug.get(slug);
        if (id == null) {
            if (slug.length() != 16) {
                return Optional.empty();
            }
            id = jdbc.queryOne("SELECT id FROM auth_servers WHERE slug = ?", rs -> UUID.fromString(rs.getString(1)), slug)
                    .orElse(null);
            if (id == null) {
                return Optional.empty();
            }
            idsBySlug.put(slug, id);
        }
        Optional<AuthServerConfig> config = byId(id);
        if (config.isEmpty()) {
            idsBySlug.remove(slug, id); // the auth server was deleted; slugs are never reused
        }
        return config;
    }

    public Optional<AuthServerConfig> byId(UUID id) {
        AuthServerConfig cached = configs.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        // One load per auth server at a time: requests that miss together wait for it and share it,
        // instead of each reloading every client.
        synchronized (lock(id)) {
            cached = configs.get(id);
            if (cached != null) {
                return Optional.of(cached);
            }
            long generation = generations.getOrDefault(id, 0L);
            Optional<AuthServerConfig> loaded = load(id);
            loaded.ifPresent(c -> {
                if (generations.getOrDefault(id, 0L) == generation) {
                    configs.put(id, c);
                }
            });
            return loaded;
        }
    }

    private Object lock(UUID id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    /**
     * One client (or its secrets) changed: only that client is read again and swapped into the
     * cached snapshot, so an auth server with many clients is not reloaded whole.
     */
    @Override
    public void clientChanged(UUID authServerId, String clientId) {
        generations.merge(authServerId, 1L, Long::sum);
        synchronized (lock(authServerId)) {
            AuthServerConfig current = configs.get(authServerId);
            if (current == null) {
                return; // not loaded here; the next request loads it whole
            }
            Map<String, ClientEntry> updated = new HashMap<>(current.clients());
            Optional<Client> client = clients.find(authServerId, clientId);
            if (client.isPresent()) {
                List<String> hashes = secrets.enabled(authServerId, clientId).stream().map(ClientSecret::hash).toList();
                updated.put(clientId, new ClientEntry(client.get(), hashes,
                        TemplateContexts.of(TemplateContexts.authServer(current.server()), client.get())));
            } else {
                updated.remove(clientId);
            }
            configs.put(authServerId, current.withClients(Map.copyOf(updated)));
        }
    }

    /** A new auth server gets its first signing key in the same transaction; the key is generated before it. */
    @Override
    public Jdbc.TxAction prepareCreation(AuthServer server) {
        SigningKey key = keys.generate();
        return tx -> keys.insertActive(tx, server.id(), key);
    }

    @Override
    public void changed(UUID authServerId) {
        generations.merge(authServerId, 1L, Long::sum);
        configs.remove(authServerId);
    }

    /** Forgets every snapshot (after this node may have missed change notifications). */
    public void clear() {
        configs.keySet().forEach(this::changed);
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
        for (ClientSecret s : secrets.enabled(id)) {
            hashes.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(s.hash());
        }
        Map<String, Object> serverContext = TemplateContexts.authServer(server);
        Map<String, ClientEntry> clientEntries = new HashMap<>();
        for (Client c : clients.all(id)) {
            clientEntries.put(c.id(), new ClientEntry(c, List.copyOf(hashes.getOrDefault(c.id(), List.of())),
                    TemplateContexts.of(serverContext, c)));
        }
        List<SigningKeyStore.StoredKey> stored = keys.published(id);
        if (stored.stream().noneMatch(SigningKeyStore.StoredKey::active)) {
            // An auth server without a key (created before keys existed) gets one on first use.
            SigningKey fresh = keys.generate();
            jdbc.execute(tx -> keys.insertActive(tx, id, fresh));
            stored = keys.published(id);
        }
        SigningKey active = stored.stream().filter(SigningKeyStore.StoredKey::active).map(SigningKeyStore.StoredKey::key)
                .findFirst().orElseThrow(() -> new IllegalStateException("auth server " + id + " has no active signing key"));
        Map<String, SigningKey> published = new LinkedHashMap<>();
        List<Jwks.Entry> jwks = new ArrayList<>();
        for (SigningKeyStore.StoredKey k : stored) {
            published.put(k.key().kid(), k.key());
            jwks.add(new Jwks.Entry(k.key(), server.signingAlgorithm().name()));
        }
        return Optional.of(new AuthServerConfig(server, issuers.issuer(server.slug()), List.copyOf(scopeList), Map.copyOf(byName),
                List.copyOf(compiled), Map.copyOf(clientEntries), active, Map.copyOf(published), Jwks.render(jwks),
                new TokenVerifier(crypto, Map.copyOf(published)::get)));
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
