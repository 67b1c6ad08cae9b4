package dev.tessera.support;

import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.KeyEncryption;
import dev.tessera.keys.KeyPairs;
import dev.tessera.keys.SigningKeyStore;
import dev.tessera.scope.Scope;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.Database;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A migrated database of its own (a SQLite file or a fresh PostgreSQL schema) with the
 * storage-side objects built on it, for tests of components below the HTTP layer.
 */
public final class StorageFixture implements AutoCloseable {
    public static final CryptoProvider CRYPTO = CryptoProvider.detect(false);

    public final Database database;
    public final Jdbc jdbc;
    public final SigningKeyStore keys;
    public final Issuers issuers = new Issuers(() -> "http://localhost:1", Optional.empty());
    private final Path dataDir;
    private final String pgUrl;

    private StorageFixture(Database database, Path dataDir, String pgUrl) {
        this.database = database;
        this.jdbc = database.jdbc();
        this.dataDir = dataDir;
        this.pgUrl = pgUrl;
        this.keys = new SigningKeyStore(jdbc, new KeyPairs(CRYPTO), new KeyEncryption(new byte[32], CRYPTO));
    }

    public static StorageFixture open(Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        }
        try {
            Path dataDir = Files.createTempDirectory("tessera-storage");
            Map<String, String> env = new HashMap<>();
            env.put("TESSERA_DATA_DIR", dataDir.toString());
            String pgUrl = backend == Backend.POSTGRESQL ? Backend.newPostgresSchema() : null;
            if (pgUrl != null) {
                env.put("TESSERA_DATABASE_URL", pgUrl);
            }
            Database database = Database.open(TesseraConfig.from(env));
            database.migrate();
            return new StorageFixture(database, dataDir, pgUrl);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL of this database (for a second node or a connection of a test's own). */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** An auth server row without any signing key (as if created before keys existed). */
    public AuthServer authServerWithoutKey() {
        long now = Timestamps.nowMicros();
        AuthServer server = new AuthServer(UUID.randomUUID(), RandomStrings.slug(), "as-" + UUID.randomUUID(), "",
                "aud", SigningAlgorithm.RS256, AccessTokenType.JWT, List.of(), Map.of(), now, now);
        jdbc.execute(tx -> new AuthServerRepository(jdbc).insert(tx, server));
        return server;
    }

    public Scope scope(UUID authServerId, String name, boolean enabled) {
        long now = Timestamps.nowMicros();
        Scope scope = new Scope(authServerId, UUID.randomUUID(), name, "", false, false, enabled, now, now);
        jdbc.execute(tx -> new ScopeRepository(jdbc).insert(tx, scope));
        return scope;
    }

    public void updateScope(Scope scope) {
        jdbc.execute(tx -> new ScopeRepository(jdbc).update(tx, scope));
    }

    public Client client(UUID authServerId, String name) {
        long now = Timestamps.nowMicros();
        Client client = new Client(authServerId, RandomStrings.slug(), name, List.of("client_credentials"), List.of("none"),
                List.of(), null, 300, 300, true, List.of(), Map.of(), "client_secret_post", null, null, now, now);
        jdbc.execute(tx -> new ClientRepository(jdbc).insert(tx, client));
        return client;
    }

    public void renameClient(Client client, String name) {
        Client renamed = new Client(client.authServerId(), client.id(), name, client.grantTypes(), client.responseTypes(),
                client.redirectUris(), client.loginUri(), client.accessTokenDuration(), client.idTokenDuration(),
                client.allowAllScopes(), client.allowScopes(), client.labels(), client.tokenEndpointAuthMethod(), client.jwks(), client.jwksUri(),
                client.createdAt(), Timestamps.nowMicros());
        jdbc.execute(tx -> new ClientRepository(jdbc).update(tx, renamed));
    }

    @Override
    public void close() {
        database.close();
        if (pgUrl != null) {
            Backend.dropPostgresSchema(pgUrl);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
