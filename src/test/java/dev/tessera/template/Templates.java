package dev.tessera.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a realistic context and one-line evaluate / expect-error calls. */
final class Templates {

    static final Instant SERVER_CREATED = Instant.parse("2024-03-05T07:08:09Z");
    static final Instant SERVER_UPDATED = Instant.parse("2024-06-01T12:00:00.5Z");
    static final Instant CLIENT_CREATED = Instant.parse("2025-01-31T23:59:58.123456789Z");

    private Templates() {
    }

    /** The context a token request would build; Description is deliberately absent. */
    static Map<String, Object> context() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("ID", "8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d");
        server.put("Name", "Payments");
        server.put("Audience", "https://api.example.com/payments");
        server.put("SigningAlgorithm", "RS256");
        server.put("CreatedAt", SERVER_CREATED);
        server.put("UpdatedAt", SERVER_UPDATED);
        server.put("Labels", Map.of("env", "prod", "team", "core", "port", "8443"));

        Map<String, Object> client = new HashMap<>();
        client.put("ID", "c-123");
        client.put("Name", "  Billing Service  ");
        client.put("Labels", Map.of("tier", "gold", "app-name", "billing", "flags", "{\"beta\":true}"));
        client.put("GrantTypes", List.of("client_credentials", "authorization_code"));
        client.put("RedirectURIs", List.of("https://billing.example.com/cb"));
        client.put("LoginURI", "https://login.example.com");
        client.put("ResponseTypes", List.of("code"));
        client.put("AllowAllScopes", false);
        client.put("CreatedAt", CLIENT_CREATED);
        client.put("UpdatedAt", CLIENT_CREATED);
        return Map.of("AuthServer", server, "Client", client);
    }

    /** Parses and evaluates against {@link #context()}. */
    static Object eval(String source) {
        try {
            return ClaimTemplate.parse(source).evaluate(context());
        } catch (TemplateSyntaxException | TemplateEvaluationException e) {
            throw new AssertionError("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The message of the evaluation error the template must raise. */
    static String evalError(String source) {
        ClaimTemplate t;
        try {
            t = ClaimTemplate.parse(source);
        } catch (TemplateSyntaxException e) {
            throw new AssertionError("unexpected syntax error: " + e.getMessage(), e);
        }
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> t.evaluate(context()))
                .isInstanceOf(TemplateEvaluationException.class)
                .satisfies(e -> caught[0] = e);
        return caught[0].getMessage();
    }

    /** The syntax error the template must raise. */
    static TemplateSyntaxException syntaxError(String source) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> ClaimTemplate.parse(source))
                .isInstanceOf(TemplateSyntaxException.class)
                .satisfies(e -> caught[0] = e);
        return (TemplateSyntaxException) caught[0];
    }
}
