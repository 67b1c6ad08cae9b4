package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.client.ClientSecret;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code .../clients/{clientId}/secrets}: a client may hold several secrets, at most two
 * enabled at once, so a secret can be rotated without downtime. The value is shown once.
 */
final class ClientSecretRoutes implements RouteGroup {
    private static final String PATH = ClientRoutes.PATH + "/{clientId}/secrets";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "enabled", new ListParams.Filter("enabled", ListParams.Kind.BOOLEAN)),
            Map.of("created_at", "created_at", "updated_at", "updated_at"));

    private final AdminContext admin;

    ClientSecretRoutes(AdminContext admin) {
        this.admin = admin;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(PATH, this::create);
        r.get(PATH, this::list);
        r.get(PATH + "/{clientSecretId}", this::get);
        r.patch(PATH + "/{clientSecretId}", this::update);
        r.delete(PATH + "/{clientSecretId}", this::delete);
    }

    private void create(Context ctx) {
        Client client = admin.client(ctx);
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), Set.of("secret", "enabled"),
                Set.of("id", "created_at", "updated_at"));
        var given = f.string("secret", 1, ClientFields.MAX_SECRET_LENGTH);
        boolean enabled = f.bool("enabled").orElse(true);
        f.done();
        String secret = given.orElseGet(RandomStrings::clientSecret);
        String hash = given.isPresent() ? admin.secretHasher().hashSupplied(secret) : admin.secretHasher().hashGenerated(secret);
        long now = Timestamps.nowMicros();
        UUID secretId = UUID.randomUUID();
        ClientSecret stored = admin.jdbc().inTransaction(tx -> {
            lockClient(tx, client);
            // read again under the lock: whether the secret is sealed follows the method the client has now
            Client current = admin.clients().find(tx, client.authServerId(), client.id())
                    .orElseThrow(() -> ProblemException.notFound("Client not found"));
            ClientFields.checkAuthentication(current, given, "secret");
            if (admin.clientSecrets().count(tx, client.authServerId(), client.id(), false) >= ClientSecret.MAX_TOTAL) {
                throw ProblemException.forbidden("A client can have at most " + ClientSecret.MAX_TOTAL
                        + " secrets; delete an old one first");
            }
            if (enabled && admin.clientSecrets().count(tx, client.authServerId(), client.id(), true) >= ClientSecret.MAX_ENABLED) {
                throw tooManyEnabled();
            }
            ClientSecret s = new ClientSecret(client.authServerId(), client.id(), secretId, hash, enabled,
                    admin.sealFor(current, secretId, secret), now, now);
            admin.clientSecrets().insert(tx, s);
            return s;
        });
        admin.events().clientChanged(client.authServerId(), client.id());
        Responses.json(ctx, 201, render(stored, secret));
    }

    private void list(Context ctx) {
        Client client = admin.client(ctx);
        var page = admin.clientSecrets().list(client.authServerId(), client.id(), ListParams.parse(ctx, LIST));
        Responses.json(ctx, 200, ListParams.envelope(page, s -> render(s, null)));
    }

    private void get(Context ctx) {
        Client client = admin.client(ctx);
        UUID id = PathParams.uuid(ctx, "clientSecretId");
        Responses.json(ctx, 200, render(admin.clientSecrets().find(client.authServerId(), client.id(), id)
                .orElseThrow(ClientSecretRoutes::notFound), null));
    }

    private void update(Context ctx) {
        Client client = admin.client(ctx);
        UUID id = PathParams.uuid(ctx, "clientSecretId");
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), Set.of("enabled"),
                Set.of("id", "created_at", "updated_at"));
        var enabled = f.bool("enabled");
        f.done();
        ClientSecret updated = admin.jdbc().inTransaction(tx -> {
            lockClient(tx, client);
            ClientSecret s = admin.clientSecrets().find(tx, client.authServerId(), client.id(), id)
                    .orElseThrow(ClientSecretRoutes::notFound);
            if (enabled.isEmpty() || enabled.get() == s.enabled()) {
                return s;
            }
            if (enabled.get() && admin.clientSecrets().count(tx, client.authServerId(), client.id(), true) >= ClientSecret.MAX_ENABLED) {
                throw tooManyEnabled();
            }
            ClientSecret next = s.withEnabled(enabled.get(), Timestamps.nowMicros());
            admin.clientSecrets().setEnabled(tx, next);
            return next;
        });
        admin.events().clientChanged(client.authServerId(), client.id());
        Responses.json(ctx, 200, render(updated, null));
    }

    private void delete(Context ctx) {
        Client client = admin.client(ctx);
        UUID id = PathParams.uuid(ctx, "clientSecretId");
        if (!admin.jdbc().inTransaction(tx -> admin.clientSecrets().delete(tx, client.authServerId(), client.id(), id))) {
            throw notFound();
        }
        admin.events().clientChanged(client.authServerId(), client.id());
        ctx.status(204);
    }

    /**
     * The limits are counted and then written: the client's row lock makes concurrent requests for
     * one client take turns, so two of them cannot both pass the count.
     */
    private void lockClient(Tx tx, Client client) {
        if (!admin.clients().lock(tx, client.authServerId(), client.id())) {
            throw ProblemException.notFound("Client not found");
        }
    }

    private static ProblemException tooManyEnabled() {
        return ProblemException.forbidden("A client can have at most " + ClientSecret.MAX_ENABLED
                + " enabled secrets; disable or delete one first");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Client secret not found");
    }

    static Map<String, Object> render(ClientSecret s, String secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(s.createdAt()));
        out.put("enabled", s.enabled());
        out.put("id", s.id().toString());
        if (secret != null) {
            out.put("secret", secret);
        }
        out.put("updated_at", Timestamps.format(s.updatedAt()));
        return out;
    }
}
