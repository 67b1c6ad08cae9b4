package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.List;
import java.util.UUID;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretApiTest {

    @BothBackends
    void atMostTwoSecretsAreEnabledSoASecretCanBeRotated(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String base = "/v1/auth-servers/" + as + "/clients/" + fx.client(as, "c", List.of()).text("id") + "/secrets";

        var initial = http.get(base);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.json().path("data").size()).isEqualTo(1);
        String first = initial.json().path("data").get(0).path("id").asText();
        assertThat(initial.json().path("data").get(0).has("secret")).isFalse();

        var second = http.post(base, "{}");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("secret")).matches("[A-Za-z0-9]{36}");
        assertThat(second.json().path("enabled").asBoolean()).isTrue();

        var third = http.post(base, json("secret", "given-secret", "enabled", true));
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.json().path("detail").asText()).contains("at most 2 enabled");

        var disabled = http.post(base, json("secret", "given-secret", "enabled", false));
        assertThat(disabled.status()).isEqualTo(201);
        assertThat(disabled.text("secret")).isEqualTo("given-secret");
        String disabledId = disabled.text("id");
        assertThat(http.patch(base + "/" + disabledId, json("enabled", true)).status()).isEqualTo(403);

        var off = http.patch(base + "/" + first, json("enabled", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        assertThat(off.json().has("secret")).isFalse();
        assertThat(http.patch(base + "/" + disabledId, json("enabled", true)).status()).isEqualTo(200);

        assertThat(http.get(base + "?filter[enabled]=true").json().path("meta").path("page").path("total").asInt()).isEqualTo(2);
        assertThat(http.get(base + "?filter%5Benabled%5D=false").json().path("data").get(0).path("id").asText()).isEqualTo(first);

        var got = http.get(base + "/" + first);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().has("secret")).isFalse();
        assertThat(http.delete(base + "/" + first).status()).isEqualTo(204);
        assertThat(http.get(base + "/" + first).status()).isEqualTo(404);
        assertThat(http.delete(base + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(Violations.of(http.patch(base + "/" + disabledId, json("enabled", "no")))).containsEntry("enabled", "is_boolean");
        assertThat(Violations.of(http.post(base, json("secret", "")))).containsEntry("secret", "min_length");
    }

    @BothBackends
    void secretsOfAnUnknownClientAreNotFound(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        assertThat(http.get("/v1/auth-servers/" + as + "/clients/nosuchclient/secrets").status()).isEqualTo(404);
        assertThat(http.post("/v1/auth-servers/" + as + "/clients/nosuchclient/secrets", "{}").status()).isEqualTo(404);
    }
}
