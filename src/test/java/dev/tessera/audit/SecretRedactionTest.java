package dev.tessera.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void secretLikeFieldsAreRedactedAtAnyDepthAndOthersKept() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"name": "c", "client_secret": "s1", "secret": "s2", "access_token_duration": 300,
                 "token_endpoint_auth_method": "client_secret_post",
                 "nested": {"Password": "p", "list": [{"private_key": "k"}, {"refresh_token": "r"}]},
                 "api_key": "a", "token": "t", "client_secret_hash": "h", "labels": {"env": "prod"}}""");
        ObjectNode out = SecretRedaction.redact(body);
        assertThat(out.toString()).doesNotContain("\"s1\"", "\"s2\"", "\"p\"", "\"k\"", "\"r\"", "\"a\"", "\"t\"", "\"h\"");
        assertThat(out.path("client_secret").asText()).isEqualTo(SecretRedaction.REDACTED);
        assertThat(out.path("nested").path("list").get(1).path("refresh_token").asText()).isEqualTo(SecretRedaction.REDACTED);
        assertThat(out.path("access_token_duration").asInt()).isEqualTo(300);
        assertThat(out.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_post");
        assertThat(out.path("labels").path("env").asText()).isEqualTo("prod");
        assertThat(body.path("client_secret").asText()).as("the input is not changed").isEqualTo("s1");
    }

    @Test
    void aNullSecretStaysNull() throws Exception {
        ObjectNode out = SecretRedaction.redact((ObjectNode) JSON.readTree("{\"client_secret\": null}"));
        assertThat(out.path("client_secret").isNull()).isTrue();
    }
}
