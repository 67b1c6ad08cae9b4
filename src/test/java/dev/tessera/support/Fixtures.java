package dev.tessera.support;

import java.util.List;
import java.util.UUID;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Creates auth servers, scopes, claims and clients through the API, asserting success. */
public final class Fixtures {
    private final Http http;

    public Fixtures(Http http) {
        this.http = http;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Http.Response authServer() {
        var r = http.post("/v1/auth-servers", json("name", unique("as"), "audience", "http://api.test"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    public String authServerId() {
        return authServer().text("id");
    }

    public Http.Response scope(String serverId, String name) {
        var r = http.post("/v1/auth-servers/" + serverId + "/scopes", json("name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    public Http.Response client(String serverId, String name, List<String> allowScopes) {
        var r = http.post("/v1/auth-servers/" + serverId + "/clients", json("name", name,
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                "allow_scopes", allowScopes));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }
}
