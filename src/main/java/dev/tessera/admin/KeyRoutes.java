package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.authserver.AuthServer;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.Json;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.keys.KeyAlgorithm;
import dev.tessera.keys.KeyConflictException;
import dev.tessera.keys.KeyImport;
import dev.tessera.keys.KeyImportException;
import dev.tessera.keys.KeyInfo;
import dev.tessera.keys.KeyLifecycle;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.SigningKey;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code .../auth-servers/{authServerId}/keys} (a Tessera addition): an auth server's signing keys
 * with their lifecycle, rotation on demand ({@code /rotate}, {@code immediate} for a compromised
 * key) and import of keys brought from elsewhere. Only public keys ever leave.
 */
final class KeyRoutes implements RouteGroup {
    private static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/keys";
    private static final List<String> STATES = List.of("next", "active");

    private final AdminContext admin;
    private final KeyLifecycle keys;
    private final KeyImport importer;

    KeyRoutes(AdminContext admin, KeyLifecycle keys) {
        this.admin = admin;
        this.keys = keys;
        this.importer = new KeyImport(keys.store().keyPairs());
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(PATH, this::list);
        r.post(PATH, this::importKey);
        r.post(PATH + "/rotate", this::rotate);
        r.get(PATH + "/{kid}", this::get);
    }

    private void list(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        Responses.json(ctx, 200, envelope(server));
    }

    private void get(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        KeyInfo key = keys.store().find(server.id(), ctx.pathParam("kid"))
                .orElseThrow(() -> ProblemException.notFound("Key not found"));
        Responses.json(ctx, 200, render(key));
    }

    private void rotate(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        // An empty body means the defaults: a scheduled (not immediate) rotation to the auth server's algorithm.
        ObjectNode body = ctx.header("Content-Type") == null && ctx.contentLength() <= 0
                ? Json.MAPPER.createObjectNode() : JsonBody.read(ctx, admin.maxBodyBytes());
        Fields f = new Fields(body, Set.of("immediate", "alg"), Set.of());
        boolean immediate = f.bool("immediate").orElse(false);
        KeyAlgorithm alg = f.oneOf("alg", KeyAlgorithm.NAMES, KeyAlgorithm::fromJoseName)
                .orElse(KeyAlgorithm.fromJoseName(server.signingAlgorithm().name()));
        f.done();
        try {
            keys.rotate(server.id(), alg, immediate);
        } catch (KeyConflictException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        admin.events().changed(server.id());
        Responses.json(ctx, 200, envelope(server));
    }

    private void importKey(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        ObjectNode body = JsonBody.read(ctx, admin.maxBodyBytes());
        Fields f = new Fields(body, Set.of("jwk", "pem", "state", "alg"), Set.of("kid", "created_at", "activates_at",
                "retires_at", "removes_at", "public_jwk"));
        f.required("state");
        KeyState state = f.oneOf("state", STATES, KeyState::fromWire).orElse(null);
        KeyAlgorithm alg = f.oneOf("alg", KeyAlgorithm.NAMES, KeyAlgorithm::fromJoseName).orElse(null);
        var pem = f.string("pem", 1, KeyImport.MAX_INPUT_CHARS);
        JsonNode jwk = body.get("jwk");
        if (jwk != null && !jwk.isObject()) {
            f.invalid("jwk", "is_object", "must be a JWK object");
        }
        if (jwk == null && !body.has("pem")) {
            f.invalid("jwk", "required", "a key is required: jwk (a private JWK) or pem (PKCS#8 PEM)");
        }
        if (jwk != null && body.has("pem")) {
            f.invalid("pem", "invalid", "give the key once: jwk or pem, not both");
        }
        f.done();
        KeyAlgorithm fallback = KeyAlgorithm.fromJoseName(server.signingAlgorithm().name());
        long now = Timestamps.nowMicros();
        SigningKey key;
        try {
            key = jwk != null ? importer.fromJwk(jwk.toString(), alg, fallback, now) : importer.fromPem(pem.orElseThrow(), alg, fallback, now);
        } catch (KeyImportException e) {
            throw ProblemException.badRequest("Invalid request: " + e.field() + " " + e.getMessage(),
                    List.of(InvalidParameter.of("body", e.field(), "invalid", e.getMessage())));
        }
        try {
            keys.importKey(server.id(), key, state);
        } catch (KeyConflictException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        admin.events().changed(server.id());
        Responses.json(ctx, 201, render(keys.store().find(server.id(), key.kid()).orElseThrow()));
    }

    private Map<String, Object> envelope(AuthServer server) {
        List<KeyInfo> list = keys.store().list(server.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", list.stream().map(KeyRoutes::render).toList());
        out.put("meta", Map.of("page", Map.of("total", list.size())));
        return out;
    }

    static Map<String, Object> render(KeyInfo k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kid", k.kid());
        out.put("alg", k.alg().joseName());
        out.put("state", k.state().wire());
        out.put("created_at", Timestamps.format(k.createdAt()));
        out.put("activates_at", Timestamps.format(k.activatesAt()));
        out.put("retires_at", k.retiresAt() == null ? null : Timestamps.format(k.retiresAt()));
        out.put("removes_at", k.removesAt() == null ? null : Timestamps.format(k.removesAt()));
        // Public members only, whatever the JWK object holds.
        out.put("public_jwk", k.publicJwk().toPublicJWK().toJSONObject());
        return out;
    }
}
