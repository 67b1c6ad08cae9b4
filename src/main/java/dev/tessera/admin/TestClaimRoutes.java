package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.snapshot.TemplateContexts;
import dev.tessera.template.ClaimTemplate;
import dev.tessera.template.TemplateEvaluationException;
import dev.tessera.template.TemplateSyntaxException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST .../clients/{clientId}/test-claim}: renders {@code {name: template}} pairs for
 * one client exactly as a token request would, so templates can be tried before they are saved.
 */
final class TestClaimRoutes implements RouteGroup {
    private static final int MAX_ENTRIES = 50;

    private final AdminContext admin;

    TestClaimRoutes(AdminContext admin) {
        this.admin = admin;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(ClientRoutes.PATH + "/{clientId}/test-claim", this::test);
    }

    private void test(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        Client client = admin.client(ctx);
        ObjectNode body = JsonBody.read(ctx, admin.maxBodyBytes());
        if (body.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(InvalidParameter.max("body", "body", "max_items", MAX_ENTRIES,
                    "must not have more than " + MAX_ENTRIES + " claims"));
        }
        List<InvalidParameter> errors = new ArrayList<>();
        Map<String, ClaimTemplate> templates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isTextual()) {
                errors.add(InvalidParameter.of("body", e.getKey(), "is_string", "must be a string template"));
                continue;
            }
            try {
                templates.put(e.getKey(), ClaimTemplate.parse(e.getValue().textValue()));
            } catch (TemplateSyntaxException ex) {
                errors.add(InvalidParameter.of("body", e.getKey(), "invalid", "is not a valid template: " + ex.getMessage()));
            }
        }
        Map<String, Object> context = TemplateContexts.of(TemplateContexts.authServer(server), client);
        Map<String, Object> out = new LinkedHashMap<>();
        templates.forEach((name, template) -> {
            try {
                out.put(name, template.evaluate(context));
            } catch (TemplateEvaluationException ex) {
                errors.add(InvalidParameter.of("body", name, "invalid", "could not be rendered: " + ex.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid request: " + errors.getFirst().field() + " " + errors.getFirst().reason(), errors);
        }
        Responses.json(ctx, 200, out);
    }
}
