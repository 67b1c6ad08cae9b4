package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tessera.support.Http;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a 400 problem's invalid_parameters as field → rule. */
final class Violations {
    private Violations() {
    }

    static Map<String, String> of(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("title").asText()).isEqualTo("Bad Request");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : r.json().path("invalid_parameters")) {
            out.put(p.path("field").asText(), p.path("rule").asText());
            assertThat(p.path("reason").asText()).isNotEmpty();
        }
        return out;
    }

    static JsonNode find(Http.Response r, String field) {
        for (JsonNode p : r.json().path("invalid_parameters")) {
            if (p.path("field").asText().equals(field)) {
                return p;
            }
        }
        return MissingNode.getInstance();
    }
}
