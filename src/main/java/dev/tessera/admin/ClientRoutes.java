package dev.tessera.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.client.Client;
import dev.tessera.client.ClientSecret;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.Json;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import dev.tessera.token.ClientDeletion;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code /v1/auth-servers/{id}/clients}: create (secret shown once), list, get, PATCH,
 * PUT (create or replace with a given id and secret, for migrations) and DELETE.
 */
final class ClientRoutes implements RouteGroup {
    static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/clients";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "labels", new ListParams.Filter("labels", ListParams.Kind.LABELS)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name"));

    private final AdminContext admin;
    private final ClientDeletion deletion;

    ClientRoutes(AdminContext admin, ClientDeletion deletion) {
        this.admin = admin;
        this.deletion = deletion;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(PATH, this::create);
        r.get(PATH, this::list);
        r.get(PATH + "/{clientId}", this::get);
        r.patch(PATH + "/{clientId}", this::update);
        r.put(PATH + "/{clientId}", this::replace);
        r.delete(PATH + "/{clientId}", this::delete);
    }

    private void create(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        ClientFields in = ClientFields.read(fields(ctx), ClientFields.Mode.CREATE);
        long now = Timestamps.nowMicros();
        Client client = build(serverId, RandomStrings.clientId(), in, now, now);
        ClientFields.checkAuthentication(client, Optional.empty(), "client_secret");
        String secret = RandomStrings.clientSecret();
        UUID secretId = UUID.randomUUID();
        ClientSecret stored = new ClientSecret(serverId, client.id(), secretId,
                admin.secretHasher().hashGenerated(secret), true, admin.sealFor(client, secretId, secret), now, now);
        Conflicts.uniqueName("client", client.name(), () -> admin.jdbc().inTransaction(tx -> {
            admin.requireScopes(tx, serverId, client.allowScopes(), "allow_scopes");
            admin.clients().insert(tx, client);
            admin.clientSecrets().insert(tx, stored);
            return client;
        }));
        admin.events().clientChanged(serverId, client.id());
        Responses.json(ctx, 201, render(client, secret));
    }

    private void replace(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        String id = ctx.pathParam("clientId");
        if (!ClientFields.isValidClientId(id)) {
            throw ProblemException.invalid(InvalidParameter.of("path", "clientId", "matches_regex",
                    "must be 1 to 36 characters of letters, digits, '-' and '_'"));
        }
        ClientFields in = ClientFields.read(fields(ctx), ClientFields.Mode.REPLACE);
        String secret = in.clientSecret().orElseThrow();
        String hash = admin.secretHasher().hashSupplied(secret);
        boolean created = Conflicts.uniqueName("client", in.name().orElse(null), () -> admin.jdbc().inTransaction(tx -> {
            long now = Timestamps.nowMicros();
            var existing = admin.clients().find(tx, serverId, id);
            Client client = build(serverId, id, in, existing.map(Client::createdAt).orElse(now), now);
            ClientFields.checkAuthentication(client, Optional.of(secret), "client_secret");
            admin.requireScopes(tx, serverId, client.allowScopes(), "allow_scopes");
            if (existing.isPresent()) {
                admin.clients().update(tx, client);
            } else {
                admin.clients().insert(tx, client);
            }
            UUID secretId = UUID.randomUUID();
            admin.clientSecrets().replaceAll(tx, new ClientSecret(serverId, id, secretId, hash, true,
                    admin.sealFor(client, secretId, secret), now, now));
            return existing.isEmpty();
        }));
        admin.events().clientChanged(serverId, id);
        Client client = admin.clients().find(serverId, id).orElseThrow();
        Responses.json(ctx, created ? 201 : 200, render(client, secret));
    }

    private void list(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        var page = admin.clients().list(serverId, ListParams.parse(ctx, LIST));
        Responses.json(ctx, 200, ListParams.envelope(page, c -> render(c, null)));
    }

    private void get(Context ctx) {
        Responses.json(ctx, 200, render(admin.client(ctx), null));
    }

    private void update(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        String id = PathParams.clientId(ctx);
        ClientFields in = ClientFields.read(fields(ctx), ClientFields.Mode.UPDATE);
        String hash = in.clientSecret().map(s -> admin.secretHasher().hashSupplied(s)).orElse(null);
        Client updated = Conflicts.uniqueName("client", in.name().orElse(null), () -> admin.jdbc().inTransaction(tx -> {
            Client c = admin.clients().find(tx, serverId, id).orElseThrow(() -> ProblemException.notFound("Client not found"));
            Map<String, String> labels = LabelPatch.apply(c.labels(), in.labelsNull(), in.labels());
            long now = Timestamps.nowMicros();
            Client next = new Client(serverId, id, in.name().orElse(c.name()), in.grantTypes().orElse(c.grantTypes()),
                    in.responseTypes().orElse(c.responseTypes()), in.redirectUris().orElse(c.redirectUris()),
                    in.loginUri().map(Fields.Nullable::value).orElse(in.loginUri().isPresent() ? null : c.loginUri()),
                    in.accessTokenDuration().orElse(c.accessTokenDuration()), in.idTokenDuration().orElse(c.idTokenDuration()),
                    in.allowAllScopes().orElse(c.allowAllScopes()), in.allowScopes().orElse(c.allowScopes()), labels,
                    in.authMethod().orElse(c.tokenEndpointAuthMethod()),
                    in.jwks().isPresent() ? in.jwks().get().value() : c.jwks(),
                    in.jwksUri().isPresent() ? in.jwksUri().get().value() : c.jwksUri(), c.createdAt(), now);
            ClientFields.checkMethodChange(c, next, in.clientSecret());
            in.allowScopes().ifPresent(s -> admin.requireScopes(tx, serverId, s, "allow_scopes"));
            admin.clients().update(tx, next);
            if (Client.SECRET_JWT.equals(c.tokenEndpointAuthMethod()) && !Client.SECRET_JWT.equals(next.tokenEndpointAuthMethod())) {
                admin.clientSecrets().forgetSealed(tx, serverId, id);
            }
            if (hash != null) {
                UUID secretId = UUID.randomUUID();
                admin.clientSecrets().replaceAll(tx, new ClientSecret(serverId, id, secretId, hash, true,
                        admin.sealFor(next, secretId, in.clientSecret().orElseThrow()), now, now));
            }
            return next;
        }));
        admin.events().clientChanged(serverId, id);
        Responses.json(ctx, 200, render(updated, null));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        String id = PathParams.clientId(ctx);
        if (!deletion.delete(serverId, id)) {
            throw ProblemException.notFound("Client not found");
        }
        admin.events().clientChanged(serverId, id);
        ctx.status(204);
    }

    private Fields fields(Context ctx) {
        return new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), ClientFields.FIELDS, ClientFields.READ_ONLY);
    }

    private static Client build(UUID serverId, String id, ClientFields in, long createdAt, long now) {
        Map<String, String> labels = new TreeMap<>();
        in.labels().ifPresent(u -> u.forEach((k, v) -> labels.put(k, v.value())));
        return new Client(serverId, id, in.name().orElseThrow(), in.grantTypes().orElseThrow(),
                in.responseTypes().orElseThrow(), in.redirectUris().orElse(List.of()),
                in.loginUri().map(Fields.Nullable::value).orElse(null),
                in.accessTokenDuration().orElse(Client.DEFAULT_DURATION), in.idTokenDuration().orElse(Client.DEFAULT_DURATION),
                in.allowAllScopes().orElse(false), in.allowScopes().orElse(List.of()), labels,
                in.authMethod().orElse("client_secret_post"), in.jwks().map(Fields.Nullable::value).orElse(null),
                in.jwksUri().map(Fields.Nullable::value).orElse(null), createdAt, now);
    }

    private static JsonNode readJson(String stored) {
        try {
            return Json.MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored client JWK Set is not JSON", e);
        }
    }

    static Map<String, Object> render(Client c, String secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token_duration", c.accessTokenDuration());
        out.put("allow_all_scopes", c.allowAllScopes());
        out.put("allow_scopes", c.allowScopes().stream().map(UUID::toString).toList());
        if (secret != null) {
            out.put("client_secret", secret);
        }
        out.put("created_at", Timestamps.format(c.createdAt()));
        out.put("grant_types", c.grantTypes());
        out.put("id", c.id());
        out.put("id_token_duration", c.idTokenDuration());
        // Tessera's additions appear only when set, so a client without keys reads exactly as in Kong Identity
        if (c.jwks() != null) {
            out.put("jwks", readJson(c.jwks()));
        }
        if (c.jwksUri() != null) {
            out.put("jwks_uri", c.jwksUri());
        }
        out.put("labels", c.labels());
        out.put("login_uri", c.loginUri());
        out.put("name", c.name());
        out.put("redirect_uris", c.redirectUris());
        out.put("response_types", c.responseTypes());
        out.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        out.put("updated_at", Timestamps.format(c.updatedAt()));
        return out;
    }
}
