package dev.tessera.oauth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormRequestTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreFormUrlDecodedPerRfc6749AppendixB() {
        var c = FormRequest.basic(basic("my%20client:a+b%2Bc%3Ad")).orElseThrow();
        assertThat(c.clientId()).isEqualTo("my client");
        assertThat(c.secret()).isEqualTo("a b+c:d");
        assertThat(FormRequest.basic(basic("id:")).orElseThrow().secret()).isEmpty();
        assertThat(FormRequest.basic("Bearer x")).isEmpty();
        assertThat(FormRequest.basic(null)).isEmpty();
    }

    @Test
    void malformedBasicCredentialsAreInvalidClient() {
        for (String header : new String[]{"Basic ***", basic("no-colon"), basic("id:%zz")}) {
            assertThatThrownBy(() -> FormRequest.basic(header)).isInstanceOfSatisfying(OAuthException.class,
                    e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
        }
    }

    @Test
    void bodiesAreParsedStrictly() {
        var p = FormRequest.parse("grant_type=client_credentials&scope=a+b%20c&empty=&flag");
        assertThat(p).containsEntry("scope", "a b c").containsEntry("empty", "").containsEntry("flag", "");
        assertThatThrownBy(() -> FormRequest.parse("a=1&a=2")).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.description()).isEqualTo("parameter 'a' is repeated"));
        assertThatThrownBy(() -> FormRequest.parse("a=%G1")).isInstanceOf(OAuthException.class);
    }
}
