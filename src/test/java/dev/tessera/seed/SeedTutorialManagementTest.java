package dev.tessera.seed;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management half of the Kong Identity tutorial (shared/seeds), replayed with its own JSON
 * bodies: only the base URL and the admin token differ.
 */
class SeedTutorialManagementTest {

    @BothBackends
    void tutorialManagementCallsWorkUnchanged(Backend backend) {
        Http http = Servers.get(backend).http;
        String serverName = Fixtures.unique("AuthN_Server_1");
        var server = http.post("/v1/auth-servers", """
                {
                    "name": "%s",
                    "audience": "http://myhttpbin.dev",
                    "description": "AuthN Server 1"
                  }""".formatted(serverName));
        assertThat(server.status()).isEqualTo(201);
        assertThat(server.json().fieldNames()).toIterable().contains("audience", "created_at", "description", "id",
                "issuer", "labels", "metadata_uri", "name", "signing_algorithm", "updated_at");

        var list = http.get("/v1/auth-servers?filter[name]=" + serverName);
        String authServerId = list.json().path("data").get(0).path("id").asText();
        String issuerUrl = list.json().path("data").get(0).path("issuer").asText();
        assertThat(authServerId).isEqualTo(server.text("id"));
        assertThat(issuerUrl).endsWith("/auth");

        var scope = http.post("/v1/auth-servers/" + authServerId + "/scopes", """
                {
                    "name": "scope1",
                    "description": "scope1",
                    "default": false,
                    "include_in_metadata": false,
                    "enabled": true
                  }""");
        assertThat(scope.status()).isEqualTo(201);
        assertThat(scope.json().fieldNames()).toIterable().containsExactlyInAnyOrder("created_at", "default",
                "description", "enabled", "id", "include_in_metadata", "name", "updated_at");
        String scopeId = http.get("/v1/auth-servers/" + authServerId + "/scopes").json().path("data").get(0).path("id").asText();

        var claim = http.post("/v1/auth-servers/" + authServerId + "/claims", """
                {
                    "name": "claim1",
                    "value": "claim1",
                    "include_in_token": true,
                    "include_in_all_scopes": false,
                    "include_in_scopes": [
                      "%s"
                    ],
                    "enabled": true
                  }""".formatted(scopeId));
        assertThat(claim.status()).isEqualTo(201);
        assertThat(claim.json().fieldNames()).toIterable().containsExactlyInAnyOrder("created_at", "enabled", "id",
                "include_in_all_scopes", "include_in_scopes", "include_in_token", "name", "updated_at", "value");
        assertThat(claim.json().path("include_in_scopes").get(0).asText()).isEqualTo(scopeId);

        var client = http.post("/v1/auth-servers/" + authServerId + "/clients", """
                {
                    "name": "client1",
                    "grant_types": [
                      "client_credentials"
                    ],
                    "allow_all_scopes": false,
                    "allow_scopes": [
                      "%s"
                    ],
                    "access_token_duration": 3600,
                    "id_token_duration": 3600,
                    "response_types": [
                      "id_token",
                      "token"
                    ]
                  }""".formatted(scopeId));
        assertThat(client.status()).isEqualTo(201);
        assertThat(client.json().fieldNames()).toIterable().containsExactlyInAnyOrder("access_token_duration",
                "allow_all_scopes", "allow_scopes", "client_secret", "created_at", "grant_types", "id",
                "id_token_duration", "labels", "login_uri", "name", "redirect_uris", "response_types",
                "token_endpoint_auth_method", "updated_at",
                "allow_direct_authorization"); // Tessera's addition (docs/API.md, interactive flows)
        assertThat(client.text("token_endpoint_auth_method")).isEqualTo("client_secret_post");
        assertThat(client.json().path("login_uri").isNull()).isTrue();

        // Kong's force defaults to false: an auth server that still has scopes and clients needs force=true.
        assertThat(http.delete("/v1/auth-servers/" + authServerId).status()).isEqualTo(400);
        var deleted = http.delete("/v1/auth-servers/" + authServerId + "?force=true");
        assertThat(deleted.status()).isEqualTo(204);
    }
}
