package dev.tessera;

import dev.tessera.admin.AdminApi;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.admintoken.BootstrapNotice;
import dev.tessera.admintoken.ConsoleSessions;
import dev.tessera.audit.AuditLog;
import dev.tessera.authserver.Issuers;
import dev.tessera.cluster.ChangeBus;
import dev.tessera.cluster.NodeSync;
import dev.tessera.cluster.PostgresChangeBus;
import dev.tessera.config.ClientAuthLimits;
import dev.tessera.config.ConfigException;
import dev.tessera.config.TesseraConfig;
import dev.tessera.console.ConsoleRoutes;
import dev.tessera.client.SecretSealing;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.crypto.SlowHashGate;
import dev.tessera.http.HealthRoutes;
import dev.tessera.http.HttpServer;
import dev.tessera.http.RouteGroup;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.KeyEncryption;
import dev.tessera.keys.KeyLifecycle;
import dev.tessera.keys.KeyPairs;
import dev.tessera.keys.KeyScheduler;
import dev.tessera.keys.SigningKeyStore;
import dev.tessera.keys.TokenSigner;
import dev.tessera.oauth.OAuthRoutes;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.oauth.clientauth.FailureLog;
import dev.tessera.oauth.clientauth.FailureThrottle;
import dev.tessera.login.ExpiredLogins;
import dev.tessera.login.LoginDecisions;
import dev.tessera.login.LoginRequestRepository;
import dev.tessera.login.RefreshTokenRepository;
import dev.tessera.login.RefreshTokens;
import dev.tessera.login.UserGrantRepository;
import dev.tessera.oauth.authorize.AuthorizeEndpoint;
import dev.tessera.oauth.authorize.LoginRequestEndpoint;
import dev.tessera.oauth.clientauth.assertion.AssertionJtis;
import dev.tessera.oauth.clientauth.assertion.ClientAssertionVerifier;
import dev.tessera.oauth.clientauth.assertion.RemoteJwks;
import dev.tessera.oauth.discovery.DiscoveryEndpoint;
import dev.tessera.oauth.token.AuthorizationCodeGrant;
import dev.tessera.oauth.token.RefreshTokenGrant;
import dev.tessera.oauth.introspect.IntrospectionEndpoint;
import dev.tessera.oauth.revoke.RevocationEndpoint;
import dev.tessera.oauth.token.ClientCredentialsGrant;
import dev.tessera.oauth.token.TokenEndpoint;
import dev.tessera.oauth.userinfo.UserinfoEndpoint;
import dev.tessera.openapi.ApiDescriptionRoutes;
import dev.tessera.snapshot.ConfigSnapshots;
import dev.tessera.store.Database;
import dev.tessera.store.DatabaseAvailability;
import dev.tessera.store.Dialect;
import dev.tessera.store.Timestamps;
import dev.tessera.token.AccessTokenIssuer;
import dev.tessera.token.IdTokenIssuer;
import dev.tessera.token.Revocations;
import dev.tessera.token.TokenIntrospector;
import dev.tessera.token.TokenLog;
import dev.tessera.token.TokenPartitions;
import dev.tessera.token.TokenPurger;
import dev.tessera.token.TokenRepository;
import dev.tessera.token.TokenRevoker;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: the only class that knows every part. It opens the database,
 * migrates it, wires the features with {@code new} and starts the HTTP server.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Database database;
    private final Javalin server;
    private final Javalin adminServer;
    private final String publicUrl;
    private final TokenLog tokenLog;
    private final TokenPurger purger;

    private final ChangeBus bus;
    private final DatabaseAvailability availability;

    private final FailureLog failureLog;
    private AssertionJtis assertionJtis;

    private final KeyScheduler keyScheduler;

    private App(Database database, Javalin server, Javalin adminServer, String publicUrl, TokenLog tokenLog, TokenPurger purger,
                ChangeBus bus, DatabaseAvailability availability, FailureLog failureLog, KeyScheduler keyScheduler) {
        this.keyScheduler = keyScheduler;
        this.adminServer = adminServer;
        this.failureLog = failureLog;
        this.bus = bus;
        this.availability = availability;
        this.purger = purger;
        this.database = database;
        this.server = server;
        this.publicUrl = publicUrl;
        this.tokenLog = tokenLog;
    }

    public static App start(TesseraConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with a clock for key rotation steps (tests move it instead of sleeping). */
    public static App start(TesseraConfig config, Clock clock) {
        long started = System.nanoTime();
        // Loading the native crypto library takes a few hundred milliseconds: do it while the database opens.
        CompletableFuture<CryptoProvider> cryptoLoading = CompletableFuture.supplyAsync(
                () -> CryptoProvider.detect(config.nativeCrypto()));
        Database database = Database.open(config);
        TokenLog tokenLog = null;
        TokenPurger purger = null;
        ChangeBus bus = null;
        DatabaseAvailability availability = new DatabaseAvailability(database);
        FailureLog failureLog = null;
        AssertionJtis assertionJtis = null;
        KeyScheduler keyScheduler = null;
        List<Javalin> servers = new ArrayList<>();
        try {
            database.migrate();
            MasterKeys masterKeys = MasterKeys.load(config.masterKey(), config.keys().masterKeyPrevious(),
                    config.keys().masterKeyFileIn(config.dataDir()));
            masterKeys.verify(database.jdbc());
            MasterKeys.HashKeys hashKeys = masterKeys.hashKeys(database.jdbc());
            AdminTokens adminTokens = new AdminTokens(database.jdbc(), hashKeys.adminTokenHash());
            adminTokens.bootstrap(config.adminToken()).ifPresent(token -> BootstrapNotice.print(System.out, token));
            ClientAuthLimits authLimits = config.clientAuth();
            SecretHasher hasher = new SecretHasher(hashKeys.clientSecretPepper(), SecretHasher.ITERATIONS,
                    new SlowHashGate(authLimits.slowHashConcurrency(), authLimits.slowHashWait()));

            AtomicReference<String> publicUrl = new AtomicReference<>(config.publicUrl().orElse(null));
            Issuers issuers = new Issuers(publicUrl::get, config.issuerDomain());
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

            CryptoProvider crypto = cryptoLoading.join();
            SigningKeyStore keys = new SigningKeyStore(database.jdbc(), new KeyPairs(crypto),
                    signingKeyEncryption(masterKeys, crypto), clock);
            // A master-key rotation run by the command while this node runs brings a new key file.
            keys.reloader = () -> masterKeys.reload().map(k -> signingKeyEncryption(k, crypto)).orElse(null);
            KeyLifecycle lifecycle = new KeyLifecycle(keys, config.keys().leadTime(), config.keys().clockSkew());
            ConfigSnapshots snapshots = new ConfigSnapshots(database.jdbc(), lifecycle, issuers, crypto);

            TokenRepository tokenRepository = new TokenRepository(database.jdbc());
            Revocations revocations = new Revocations();
            revocations.load(tokenRepository.revokedAndLive(Timestamps.nowMicros()));
            NodeSync sync = new NodeSync(snapshots, revocations, tokenRepository);
            bus = database.dialect() == Dialect.POSTGRESQL
                    ? PostgresChangeBus.start(database.dataSource(), database.jdbcUrl(), sync, PostgresChangeBus.Timing.DEFAULT)
                    : ChangeBus.NONE;
            availability.start();
            keyScheduler = new KeyScheduler(lifecycle, sync::changed);
            keyScheduler.start();
            Gauge.builder("tessera.database.available", availability, a -> a.isUp() ? 1 : 0)
                    .description("1 while the database takes writes, 0 while token requests are refused with 503")
                    .register(metrics);
            tokenLog = new TokenLog(tokenRepository, availability);
            FunctionCounter.builder("tessera.token.log.commits", tokenLog, TokenLog::commits)
                    .description("Transactions that recorded issued tokens (group commits)").register(metrics);
            FunctionCounter.builder("tessera.token.log.records", tokenLog, TokenLog::recorded)
                    .description("Token records written by those transactions").register(metrics);
            TokenPartitions tokenPartitions = null;
            if (database.dialect() == Dialect.POSTGRESQL) {
                // Before the first token is written: every new record must find its daily partition.
                tokenPartitions = new TokenPartitions(database.jdbc());
                tokenPartitions.ensure(Timestamps.nowMicros());
            }
            LoginRequestRepository loginRequests = new LoginRequestRepository(database.jdbc());
            UserGrantRepository userGrants = new UserGrantRepository(database.jdbc());
            RefreshTokenRepository refreshTokenRepository = new RefreshTokenRepository(database.jdbc());
            purger = new TokenPurger(tokenRepository, tokenPartitions, List.of(new ExpiredLogins(loginRequests, userGrants,
                    refreshTokenRepository)));
            purger.start();
            TokenRevoker revoker = new TokenRevoker(tokenRepository, revocations);
            TokenIntrospector introspector = new TokenIntrospector(revocations);
            failureLog = FailureLog.flushedEvery(1000, authLimits.window().toSeconds());
            FunctionCounter.builder("tessera.client.auth.slow.hash.iterations", hasher, SecretHasher::slowIterationsSpent)
                    .description("PBKDF2 iterations spent checking client secrets").register(metrics);
            // Derived from the hash keys, which master-key rotations carry over unchanged, so sealed
            // secrets and console CSRF tokens stay readable across a rotation (OPERATIONS.md).
            MasterKey stableRoot = MasterKey.fromBytes(hashKeys.clientSecretPepper());
            SecretSealing sealing = new SecretSealing(new KeyEncryption(stableRoot.derive("client-secret-encryption"), crypto));
            assertionJtis = new AssertionJtis(database.jdbc()).purgedEvery(5, Clock.systemUTC());
            ClientAssertionVerifier assertions = new ClientAssertionVerifier(config.clientAssertions(), assertionJtis,
                    new RemoteJwks(config.clientAssertions(), Clock.systemUTC()), sealing, Clock.systemUTC());
            ClientAuthenticator clientAuth = new ClientAuthenticator(hasher,
                    new FailureThrottle(authLimits, Clock.systemUTC()), failureLog, metrics, assertions);
            TokenSigner signer = new TokenSigner(crypto);
            AccessTokenIssuer tokenIssuer = new AccessTokenIssuer(signer, tokenLog, metrics);
            IdTokenIssuer idTokenIssuer = new IdTokenIssuer(signer);
            RefreshTokens refreshTokens = new RefreshTokens(refreshTokenRepository, revoker, Clock.systemUTC());
            LoginDecisions logins = new LoginDecisions(loginRequests, userGrants, tokenIssuer,
                    idTokenIssuer, Clock.systemUTC());
            TokenEndpoint tokenEndpoint = new TokenEndpoint(clientAuth, List.of(new ClientCredentialsGrant(tokenIssuer),
                    new AuthorizationCodeGrant(userGrants, tokenIssuer, idTokenIssuer, revoker, refreshTokens, Clock.systemUTC()),
                    new RefreshTokenGrant(refreshTokens, tokenIssuer, idTokenIssuer)));
            List<String> grantTypes = new ArrayList<>(tokenEndpoint.grantTypes());
            grantTypes.add("implicit"); // served by the authorize endpoint

            RouteGroup health = new HealthRoutes(availability::isUp);
            ConsoleSessions consoleSessions = new ConsoleSessions(database.jdbc(), stableRoot.derive("console-csrf"),
                    config.console().sessionIdle(), config.console().sessionLifetime(), Clock.systemUTC());
            List<RouteGroup> management = List.of(HealthRoutes.metrics(metrics),
                    new AdminApi(database.jdbc(), adminTokens, hasher, sealing, issuers, sync, config.maxBodyBytes(),
                            tokenRepository, revoker, snapshots, logins, refreshTokens, consoleSessions, lifecycle),
                    new ConsoleRoutes(adminTokens, consoleSessions, new AuditLog(database.jdbc()), config.publicUrlIsHttps()),
                    new ApiDescriptionRoutes());
            RouteGroup oauth = new OAuthRoutes(snapshots, issuers, new DiscoveryEndpoint(grantTypes,
                    config.keys().jwksMaxAge().toSeconds()), tokenEndpoint,
                    new IntrospectionEndpoint(clientAuth, introspector, refreshTokens),
                    new RevocationEndpoint(clientAuth, introspector, revoker, refreshTokens),
                    new UserinfoEndpoint(introspector, userGrants, refreshTokenRepository), new AuthorizeEndpoint(logins, clientAuth),
                    new LoginRequestEndpoint(logins, clientAuth), metrics);

            // One port by default; with TESSERA_ADMIN_PORT the public port serves only OAuth and health.
            List<RouteGroup> publicGroups = new ArrayList<>(List.of(health, oauth));
            if (config.adminListener().isEmpty()) {
                publicGroups.addAll(management);
            }
            Javalin server = HttpServer.create(config, metrics, publicGroups);
            server.start();
            servers.add(server);
            Javalin adminServer = server;
            if (config.adminListener().isPresent()) {
                var listener = config.adminListener().get();
                List<RouteGroup> adminGroups = new ArrayList<>(List.of(health));
                adminGroups.addAll(management);
                adminServer = HttpServer.create(config, listener.host(), listener.port(), metrics, adminGroups);
                adminServer.start();
                servers.add(adminServer);
                log.info("Management API and metrics on their own listener {}:{}", listener.host(), adminServer.port());
            }
            publicUrl.compareAndSet(null, config.effectivePublicUrl(server.port()));
            log.info("Tessera listening on {}:{} (public URL {}, {} database) in {} ms", config.httpHost(),
                    server.port(), publicUrl.get(), database.dialect().name().toLowerCase(),
                    (System.nanoTime() - started) / 1_000_000);
            App app = new App(database, server, adminServer, publicUrl.get(), tokenLog, purger, bus, availability, failureLog,
                    keyScheduler);
            app.assertionJtis = assertionJtis;
            return app;
        } catch (RuntimeException e) {
            servers.forEach(Javalin::stop);
            if (failureLog != null) {
                failureLog.close();
            }
            if (assertionJtis != null) {
                assertionJtis.close();
            }
            if (keyScheduler != null) {
                keyScheduler.close();
            }
            if (bus != null) {
                bus.close();
            }
            if (purger != null) {
                purger.close();
            }
            if (tokenLog != null) {
                tokenLog.close();
            }
            availability.close();
            database.close();
            throw e;
        }
    }

    /** The current master key encrypts; during a rotation the previous one still decrypts. */
    private static KeyEncryption signingKeyEncryption(MasterKeys masterKeys, CryptoProvider crypto) {
        return new KeyEncryption(masterKeys.current().derive(MasterKey.SIGNING_KEY_PURPOSE),
                masterKeys.previous().map(k -> k.derive(MasterKey.SIGNING_KEY_PURPOSE)).stream().toList(), crypto);
    }

    public int port() {
        return server.port();
    }

    /** The port of the management API: the separate admin listener's, or {@link #port()} when there is one port. */
    public int adminPort() {
        return adminServer.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public Database database() {
        return database;
    }

    /** Runs the signing-key steps that are due now instead of waiting for the next tick (for tests). */
    public java.util.Set<java.util.UUID> runKeySteps() {
        return keyScheduler.runNow();
    }

    /** Scheduled key activations this node performed (on several nodes, each happens on one). */
    public long keyActivationsPerformed() {
        return keyScheduler.activationsPerformed();
    }

    /**
     * Stops in order: no new connections, in-flight requests finish (up to the HTTP stop timeout),
     * the token log commits what is queued, then the database closes.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        if (adminServer != server) {
            adminServer.stop();
        }
        server.stop();
        keyScheduler.close();
        failureLog.close();
        assertionJtis.close();
        bus.close();
        purger.close();
        tokenLog.close();
        availability.close();
        database.close();
        log.info("Tessera stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
