package dev.tessera.snapshot;

import dev.tessera.authserver.AuthServer;
import dev.tessera.client.Client;
import dev.tessera.store.Timestamps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data a claim template sees ({@code .AuthServer.*}, {@code .Client.*}), built once per
 * client when a snapshot loads, as plain maps: the template engine uses no reflection.
 */
public final class TemplateContexts {
    private TemplateContexts() {
    }

    public static Map<String, Object> authServer(AuthServer s) {
        Map<String, Object> m = new HashMap<>();
        m.put("ID", s.id().toString());
        m.put("Name", s.name());
        m.put("Description", s.description());
        m.put("Audience", s.audience());
        m.put("SigningAlgorithm", s.signingAlgorithm().name());
        m.put("CreatedAt", Timestamps.fromMicros(s.createdAt()));
        m.put("UpdatedAt", Timestamps.fromMicros(s.updatedAt()));
        m.put("Labels", Map.copyOf(s.labels()));
        return Map.copyOf(m);
    }

    public static Map<String, Object> of(Map<String, Object> authServer, Client c) {
        Map<String, Object> client = new HashMap<>();
        client.put("ID", c.id());
        client.put("Name", c.name());
        client.put("Labels", Map.copyOf(c.labels()));
        client.put("GrantTypes", List.copyOf(c.grantTypes()));
        client.put("RedirectURIs", List.copyOf(c.redirectUris()));
        client.put("ResponseTypes", List.copyOf(c.responseTypes()));
        client.put("AllowAllScopes", c.allowAllScopes());
        client.put("CreatedAt", Timestamps.fromMicros(c.createdAt()));
        client.put("UpdatedAt", Timestamps.fromMicros(c.updatedAt()));
        if (c.loginUri() != null) {
            client.put("LoginURI", c.loginUri());
        }
        return Map.of("AuthServer", authServer, "Client", Map.copyOf(client));
    }
}
