package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Client and auth-server fields of the interactive flows (issue 10): each bad value is a 400 naming its field. */
class ClientFlowFieldsTest {
    private static Http http;
    private static String clients;
    private static String serverId;

    @BeforeAll
    static void setUp() {
        http = Servers.get(Backend.SQLITE).http;
        serverId = new Fixtures(http).authServerId();
        clients = "/v1/auth-servers/" + serverId + "/clients";
    }

    private static Http.Response create(Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "name";
        all[1] = Fixtures.unique("c");
        System.arraycopy(fields, 0, all, 2, fields.length);
        return http.post(clients, json(all));
    }

    @Test
    void responseTypesFollowGrantTypes() {
        var codeWithoutGrant = create("grant_types", List.of("client_credentials"), "response_types", List.of("code"));
        assertThat(Violations.of(codeWithoutGrant)).containsExactly(Map.entry("response_types", "invalid"));
        assertThat(Violations.find(codeWithoutGrant, "response_types").path("reason").asText())
                .isEqualTo("contains code, which needs the authorization_code grant type");
        var grantWithoutCode = create("grant_types", List.of("authorization_code"), "response_types", List.of("token"),
                "redirect_uris", List.of("https://app.example.com/cb"));
        assertThat(Violations.find(grantWithoutCode, "response_types").path("reason").asText())
                .isEqualTo("must contain code for the authorization_code grant type");
        var implicitWithoutToken = create("grant_types", List.of("implicit"), "response_types", List.of("none"));
        assertThat(Violations.of(implicitWithoutToken)).containsEntry("response_types", "invalid");
        var refreshAlone = create("grant_types", List.of("client_credentials", "refresh_token"),
                "response_types", List.of("token"));
        assertThat(Violations.find(refreshAlone, "grant_types").path("reason").asText())
                .isEqualTo("refresh_token needs the authorization_code grant type");
        var refresh = create("grant_types", List.of("authorization_code", "refresh_token"), "response_types", List.of("code"),
                "redirect_uris", List.of("https://app.example.com/cb"));
        assertThat(refresh.status()).as(refresh.toString()).isEqualTo(201);
        assertThat(refresh.json().path("grant_types").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        // Kong's tutorial registers token and id_token beside client_credentials: still accepted.
        assertThat(create("grant_types", List.of("client_credentials"), "response_types", List.of("id_token", "token"))
                .status()).isEqualTo(201);
    }

    @Test
    void aPatchCannotLeaveTheClientInconsistentAndChangesNothing() {
        var c = create("grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of("https://app.example.com/cb"));
        String path = clients + "/" + c.text("id");
        var r = http.patch(path, json("response_types", List.of("token")));
        assertThat(Violations.of(r)).containsExactly(Map.entry("response_types", "invalid"));
        assertThat(http.get(path).json().path("response_types").toString()).isEqualTo("[\"code\"]");
    }

    @Test
    void redirectAndLoginUrisAreHttpsOrLoopbackWithoutFragmentOrUserInfo() {
        for (String bad : List.of("http://app.example.com/cb", "https://app.example.com/cb#x", "https://u:p@app.example.com/cb",
                "/relative/cb", "not a uri")) {
            var r = create("grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                    "redirect_uris", List.of(bad));
            assertThat(Violations.of(r)).as(bad).containsKey("redirect_uris[0]");
            var login = create("grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                    "redirect_uris", List.of("https://app.example.com/cb"), "login_uri", bad);
            assertThat(Violations.of(login)).as(bad).containsEntry("login_uri", "invalid");
        }
        var loopback = create("grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of("http://127.0.0.1:8000/cb"), "login_uri", "http://localhost:9000/login");
        assertThat(loopback.status()).as(loopback.toString()).isEqualTo(201);
    }

    @Test
    void directAuthorizationIsABooleanForConfidentialCodeClients() {
        var c = create("grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of("https://app.example.com/cb"));
        assertThat(c.json().path("allow_direct_authorization").asBoolean()).isFalse();
        String path = clients + "/" + c.text("id");
        assertThat(Violations.of(http.patch(path, json("allow_direct_authorization", "yes"))))
                .containsEntry("allow_direct_authorization", "is_boolean");
        assertThat(http.patch(path, json("allow_direct_authorization", true)).json().path("allow_direct_authorization")
                .asBoolean()).isTrue();
        assertThat(Violations.of(http.patch(path, json("token_endpoint_auth_method", "none"))))
                .containsEntry("allow_direct_authorization", "invalid");
        var cc = create("grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                "allow_direct_authorization", true);
        assertThat(Violations.of(cc)).containsEntry("allow_direct_authorization", "invalid");
    }

    @Test
    void requirePkceIsABooleanOnTheAuthServerAndOffByDefault() {
        var server = http.get("/v1/auth-servers/" + serverId);
        assertThat(server.json().path("require_pkce").asBoolean()).isFalse();
        assertThat(Violations.of(http.patch("/v1/auth-servers/" + serverId, json("require_pkce", "on"))))
                .containsEntry("require_pkce", "is_boolean");
        var created = http.post("/v1/auth-servers", json("name", Fixtures.unique("pkce"), "audience", "a",
                "require_pkce", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("require_pkce").asBoolean()).isTrue();
    }
}
