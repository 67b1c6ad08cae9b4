package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** page[size], page[number], sort and filter[...] on the list endpoints. */
class ListingTest {

    @BothBackends
    void pagesSortsAndCounts(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        for (int i = 0; i < 25; i++) {
            fx.scope(as, String.format("scope%02d", i));
        }
        String base = "/v1/auth-servers/" + as + "/scopes";
        var first = http.get(base);
        assertThat(first.json().path("data").size()).isEqualTo(10);
        assertThat(meta(first)).isEqualTo(Map.of("number", 1, "size", 10, "total", 25));
        assertThat(names(first).getFirst()).isEqualTo("scope00");

        var third = http.get(base + "?page[size]=10&page[number]=3");
        assertThat(names(third)).containsExactly("scope20", "scope21", "scope22", "scope23", "scope24");
        assertThat(meta(third)).isEqualTo(Map.of("number", 3, "size", 10, "total", 25));
        assertThat(http.get(base + "?page[number]=9").json().path("data").size()).isZero();

        var desc = http.get(base + "?sort=name%20desc&page[size]=3");
        assertThat(names(desc)).containsExactly("scope24", "scope23", "scope22");
        assertThat(names(http.get(base + "?sort=-name&page[size]=1"))).containsExactly("scope24");
        assertThat(names(http.get(base + "?sort=created_at%20desc,name&page[size]=1"))).containsExactly("scope24");

        assertThat(Violations.of(http.get(base + "?page[size]=101"))).containsEntry("page[size]", "max");
        assertThat(Violations.of(http.get(base + "?page[size]=0"))).containsEntry("page[size]", "min");
        assertThat(Violations.of(http.get(base + "?page[number]=x"))).containsEntry("page[number]", "is_integer");
        assertThat(Violations.of(http.get(base + "?sort=audience"))).containsEntry("sort", "enum");
        assertThat(Violations.of(http.get(base + "?filter[nope]=1"))).containsEntry("filter[nope]", "enum");
        assertThat(http.get(base + "?page[size]=100").json().path("data").size()).isEqualTo(25);
    }

    @BothBackends
    void filtersByNameIdAndLabels(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String base = "/v1/auth-servers/" + as + "/clients";
        String alpha = http.post(base, json("name", "Alpha_Service", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "labels", Map.of("env", "prod"))).text("id");
        http.post(base, json("name", "beta-service", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "labels", Map.of("env", "dev")));
        http.post(base, json("name", "gamma", "grant_types", List.of("client_credentials"), "response_types", List.of("token")));

        assertThat(names(http.get(base + "?filter[name]=gamma"))).containsExactly("gamma");
        assertThat(names(http.get(base + "?filter[name][eq]=gamma"))).containsExactly("gamma");
        assertThat(names(http.get(base + "?filter[name][contains]=service&sort=name"))).containsExactly("Alpha_Service", "beta-service");
        assertThat(names(http.get(base + "?filter[name][contains]=_"))).containsExactly("Alpha_Service");
        assertThat(names(http.get(base + "?filter[name][contains]=%25"))).isEmpty();
        assertThat(names(http.get(base + "?filter[id]=" + alpha))).containsExactly("Alpha_Service");
        assertThat(names(http.get(base + "?filter[labels]=env:prod"))).containsExactly("Alpha_Service");
        assertThat(names(http.get(base + "?filter[labels][eq]=env:dev"))).containsExactly("beta-service");
        assertThat(Violations.of(http.get(base + "?filter[labels]=nocolon"))).containsEntry("filter[labels]", "is_label");
        assertThat(Violations.of(http.get(base + "?filter[id][contains]=x"))).containsEntry("filter[id][contains]", "invalid");

        String unique = Fixtures.unique("Filter-Me");
        http.post("/v1/auth-servers", json("name", unique, "audience", "aud-filter", "labels", Map.of("team", "x")));
        var servers = http.get("/v1/auth-servers?filter[name][contains]=" + unique.toLowerCase());
        assertThat(names(servers)).containsExactly(unique);
        assertThat(names(http.get("/v1/auth-servers?filter[name]=" + unique + "&filter[labels]=team:x"))).containsExactly(unique);
        assertThat(names(http.get("/v1/auth-servers?filter[name]=" + unique + "&filter[labels]=team:y"))).isEmpty();
    }

    private static List<String> names(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode n : r.json().path("data")) {
            out.add(n.path("name").asText());
        }
        return out;
    }

    private static Map<String, Integer> meta(Http.Response r) {
        JsonNode p = r.json().path("meta").path("page");
        return Map.of("number", p.path("number").asInt(), "size", p.path("size").asInt(), "total", p.path("total").asInt());
    }
}
