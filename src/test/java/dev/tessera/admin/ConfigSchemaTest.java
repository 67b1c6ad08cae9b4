package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.client.Client;
import dev.tessera.declarative.ConfigFiles;
import dev.tessera.support.Backend;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tessera-config.schema.json, the JSON Schema editors validate configuration files with:
 * the documented example and real exports pass, and its fields and choices are the API's, so a
 * field added to the API without the schema (or the reverse) fails here.
 */
class ConfigSchemaTest {
    private static final Path SCHEMA = Path.of("docs", "tessera-config.schema.json");

    private static Schema schema() throws Exception {
        JsonNode node = Http.JSON.readTree(Files.readString(SCHEMA));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
    }

    private static List<String> errors(JsonNode document) throws Exception {
        List<String> out = new ArrayList<>();
        for (Error e : schema().validate(document)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    @Test
    void theExampleFileIsValid() throws Exception {
        JsonNode example = ConfigFiles.read(Files.readAllBytes(Path.of("docs", "examples", "tessera.yaml")));
        assertThat(errors(example)).isEmpty();
    }

    @Test
    void anExportIsValid() throws Exception {
        var server = Servers.get(Backend.SQLITE);
        OAuthFixture fx = new OAuthFixture(server, "https://api.test", "read", "write");
        fx.claim(Fixtures.unique("c"), "${ .Client.Name }", Map.of("include_in_scopes", List.of(fx.scopeIds.get("read"))));
        fx.client(List.of("read"), Map.of("labels", Map.of("team", "a"), "redirect_uris", List.of("https://app.test/cb")));
        var export = server.http.get("/v1/config");
        assertThat(export.status()).isEqualTo(200);
        assertThat(errors(export.json())).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheApiRefuses() throws Exception {
        JsonNode bad = ConfigFiles.read("""
                auth_servers:
                  - name: a
                    colour: blue
                    scopes: [{name: "has space"}]
                    clients: [{name: c, grant_types: [bogus], response_types: [token]}]
                """.getBytes());
        assertThat(String.join("\n", errors(bad))).contains("colour", "audience", "/auth_servers/0/scopes/0/name",
                "/auth_servers/0/clients/0/grant_types/0");
    }

    @Test
    void theSchemaHasTheApisFieldsAndChoices() throws Exception {
        JsonNode defs = Http.JSON.readTree(Files.readString(SCHEMA)).path("$defs");
        Set<String> serverFields = new HashSet<>(AuthServerFields.FIELDS);
        serverFields.addAll(ConfigDocument.CHILDREN);
        assertThat(names(defs.path("auth_server").path("properties"))).isEqualTo(serverFields);
        assertThat(names(defs.path("scope").path("properties"))).isEqualTo(ScopeFields.FIELDS);
        assertThat(names(defs.path("claim").path("properties"))).isEqualTo(ClaimFields.FIELDS);
        assertThat(names(defs.path("client").path("properties"))).isEqualTo(ClientFields.FIELDS);

        assertThat(strings(defs.path("auth_server").path("properties").path("signing_algorithm").path("enum")))
                .containsExactlyInAnyOrderElementsOf(SigningAlgorithm.NAMES);
        assertThat(strings(defs.path("auth_server").path("properties").path("access_token_typ").path("enum")))
                .containsExactlyInAnyOrderElementsOf(AccessTokenType.NAMES);
        JsonNode client = defs.path("client").path("properties");
        assertThat(strings(client.path("grant_types").path("items").path("enum"))).containsExactlyInAnyOrderElementsOf(Client.GRANT_TYPES);
        assertThat(strings(client.path("response_types").path("items").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Client.RESPONSE_TYPES);
        assertThat(strings(client.path("token_endpoint_auth_method").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Client.AUTH_METHODS);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
