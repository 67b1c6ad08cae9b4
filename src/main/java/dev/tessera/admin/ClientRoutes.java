package dev.tessera.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.client.Client;
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
import java.util.Map;
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
    private final ClientService service;

    ClientRoutes(AdminContext admin, ClientDeletion deletion) {
        this.admin = admin;
        this.service = new ClientService(admin, deletion);
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
        var secret = service.secret(in, true);
        var saved = admin.changes().run(ctx, change -> service.create(change, serverId, in, secret));
        Responses.json(ctx, 201, render(saved.client(), saved.secret()));
    }

    private void replace(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        String id = ctx.pathParam("clientId");
        if (!ClientFields.isValidClientId(id)) {
            throw ProblemException.invalid(InvalidParameter.of("path", "clientId", "matches_regex",
                    "must be 1 to 36 characters of letters, digits, '-' and '_'"));
        }
        ClientFields in = ClientFields.read(fields(ctx), ClientFields.Mode.REPLACE);
        var secret = service.secret(in, false);
        var saved = admin.changes().run(ctx, change -> service.replace(change, serverId, id, in, secret));
        Responses.json(ctx, saved.created() ? 201 : 200, render(saved.client(), saved.secret()));
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
        var secret = service.secret(in, false);
        Client updated = admin.changes().run(ctx, change -> service.update(change, serverId, id, in, secret));
        Responses.json(ctx, 200, render(updated, null));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        String id = PathParams.clientId(ctx);
        admin.changes().run(ctx, change -> {
            service.delete(change, serverId, id);
            return null;
        });
        ctx.status(204);
    }

    private Fields fields(Context ctx) {
        return new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), ClientFields.FIELDS, ClientFields.READ_ONLY);
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
        out.put("allow_direct_authorization", c.allowDirectAuthorization());
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
