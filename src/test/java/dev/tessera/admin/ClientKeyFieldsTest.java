package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.store.Jdbc;
import dev.tessera.support.Servers;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The client fields of key-based authentication: jwks, jwks_uri and the two JWT methods. */
class ClientKeyFieldsTest {
    private static final String LONG_SECRET = "a-client-secret-of-more-than-32-characters";

    private static String body(Object... extra) {
        Object[] base = {"name", Fixtures.unique("keyed"), "grant_types", List.of("client_credentials"),
                "response_types", List.of("token")};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return json(all);
    }

    @BothBackends
    void privateKeyJwtClientsRegisterPublicKeysInlineOrByUrl(Backend backend) {
        Http http = Servers.get(backend).http;
        String base = "/v1/auth-servers/" + new Fixtures(http).authServerId() + "/clients";
        ClientKeys keys = ClientKeys.ec("fields-1");
        var inline = http.post(base, body("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        assertThat(inline.status()).as(inline.toString()).isEqualTo(201);
        JsonNode key = inline.json().path("jwks").path("keys").get(0);
        assertThat(key.path("kid").asText()).isEqualTo("fields-1");
        assertThat(key.path("kty").asText()).isEqualTo("EC");
        assertThat(key.has("d")).isFalse();
        assertThat(inline.json().has("jwks_uri")).isFalse();
        String path = base + "/" + inline.text("id");
        assertThat(http.get(path).json().path("jwks")).isEqualTo(inline.json().path("jwks"));

        var byUrl = http.patch(path, json("jwks", null, "jwks_uri", "https://keys.example.com/jwks.json"));
        assertThat(byUrl.status()).as(byUrl.toString()).isEqualTo(200);
        assertThat(byUrl.json().has("jwks")).isFalse();
        assertThat(byUrl.text("jwks_uri")).isEqualTo("https://keys.example.com/jwks.json");

        var loopback = http.post(base, body("token_endpoint_auth_method", "private_key_jwt", "jwks_uri", "http://127.0.0.1:9/jwks"));
        assertThat(loopback.status()).as(loopback.toString()).isEqualTo(201);
        // a client of another method carries no key fields
        var plain = http.post(base, body());
        assertThat(plain.json().has("jwks")).isFalse();
        assertThat(plain.json().has("jwks_uri")).isFalse();
    }

    @BothBackends
    void badKeyFieldsAreRefusedNamingTheFieldAndChangeNothing(Backend backend) {
        Http http = Servers.get(backend).http;
        String base = "/v1/auth-servers/" + new Fixtures(http).authServerId() + "/clients";
        ClientKeys keys = ClientKeys.rsa("fields-2");
        Map<String, Object> symmetric = Map.of("keys", List.of(Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0")));

        Map<String, Map.Entry<String, String>> cases = new java.util.LinkedHashMap<>();
        cases.put(body("token_endpoint_auth_method", "private_key_jwt"), Map.entry("jwks", "dependent_fields"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.privateJwks()), Map.entry("jwks", "invalid"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", symmetric), Map.entry("jwks", "invalid"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", "not an object"), Map.entry("jwks", "is_object"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", Map.of("keys", List.of())), Map.entry("jwks", "invalid"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", Map.of("no", "keys")), Map.entry("jwks", "invalid"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks_uri", "http://keys.example.com/jwks"),
                Map.entry("jwks_uri", "invalid"));
        cases.put(body("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks(), "jwks_uri",
                "https://keys.example.com/jwks"), Map.entry("jwks_uri", "invalid"));
        for (var c : cases.entrySet()) {
            var r = http.post(base, c.getKey());
            assertThat(Violations.of(r)).as(c.getKey()).containsExactly(c.getValue());
        }
        var privateKey = http.post(base, body("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.privateJwks()));
        assertThat(Violations.find(privateKey, "jwks").path("reason").asText()).contains("private key parts");
        assertThat(http.get(base).json().path("meta").path("page").path("total").asInt()).isZero();

        // PATCH: the result must hold together, and a refused PATCH changes nothing
        var client = http.post(base, body("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
        String path = base + "/" + client.text("id");
        assertThat(Violations.of(http.patch(path, json("jwks", null)))).containsExactly(Map.entry("jwks", "dependent_fields"));
        assertThat(Violations.of(http.patch(path, json("jwks_uri", "https://keys.example.com/jwks"))))
                .containsExactly(Map.entry("jwks_uri", "invalid"));
        assertThat(http.get(path).json().path("jwks")).isEqualTo(client.json().path("jwks"));
        assertThat(http.get(path).json().has("jwks_uri")).isFalse();
    }

    @BothBackends
    void clientSecretJwtNeedsASecretThatCanKeyAnHmac(Backend backend) {
        Http http = Servers.get(backend).http;
        String base = "/v1/auth-servers/" + new Fixtures(http).authServerId() + "/clients";
        var created = http.post(base, body("token_endpoint_auth_method", "client_secret_jwt"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("client_secret")).hasSizeGreaterThanOrEqualTo(32);

        var put = http.put(base + "/short-secret-client", body("token_endpoint_auth_method", "client_secret_jwt",
                "client_secret", "too-short"));
        assertThat(Violations.of(put)).containsExactly(Map.entry("client_secret", "min_length"));
        assertThat(http.get(base + "/short-secret-client").status()).isEqualTo(404);

        // switching an existing client to client_secret_jwt needs a new secret: the old one is stored only as a hash
        String path = base + "/" + http.post(base, body()).text("id");
        assertThat(Violations.of(http.patch(path, json("token_endpoint_auth_method", "client_secret_jwt"))))
                .containsExactly(Map.entry("client_secret", "dependent_fields"));
        assertThat(http.get(path).text("token_endpoint_auth_method")).isEqualTo("client_secret_post");
        var switched = http.patch(path, json("token_endpoint_auth_method", "client_secret_jwt", "client_secret", LONG_SECRET));
        assertThat(switched.status()).as(switched.toString()).isEqualTo(200);

        // secrets added later for that client are sealed too, and must be long enough
        var shortSecret = http.post(path + "/secrets", json("secret", "short"));
        assertThat(Violations.of(shortSecret)).containsExactly(Map.entry("secret", "min_length"));
        assertThat(http.post(path + "/secrets", json("secret", LONG_SECRET + "-2")).status()).isEqualTo(201);

        // at rest the secrets are encrypted, never plain; switching away from the method drops the encrypted copies
        Jdbc jdbc = Servers.get(backend).app().database().jdbc();
        String clientId = path.substring(path.lastIndexOf('/') + 1);
        List<String> sealed = jdbc.query("SELECT secret_encrypted FROM client_secrets WHERE client_id = ? "
                + "AND secret_encrypted IS NOT NULL", rs -> rs.getString(1), clientId);
        assertThat(sealed).hasSize(2).allSatisfy(blob -> assertThat(blob).startsWith("v1.").doesNotContain(LONG_SECRET));
        assertThat(http.patch(path, json("token_endpoint_auth_method", "client_secret_basic")).status()).isEqualTo(200);
        assertThat(jdbc.count("SELECT COUNT(*) FROM client_secrets WHERE client_id = ? AND secret_encrypted IS NOT NULL",
                clientId)).isZero();
        assertThat(jdbc.count("SELECT COUNT(*) FROM client_secrets WHERE client_id = ?", clientId)).isEqualTo(2);
    }
}
