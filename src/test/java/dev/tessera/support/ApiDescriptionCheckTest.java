package dev.tessera.support;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite-wide check is wired: an exchange through {@link Http} that does not fit the
 * description is collected, and the extension fails the test that made it.
 */
class ApiDescriptionCheckTest {
    private final TestServer server = Servers.get(Backend.SQLITE);

    @Test
    void aMisfitExchangeIsCollectedAndFailsTheTest() {
        // A real 200 answer, presented as the answer to a /v1 operation the description does not have.
        Http.Response ok = server.http.get("/health/live");
        assertThat(ok.status()).isEqualTo(200);
        HttpRequest undescribed = server.http.admin("/v1/backdoor").GET().build();

        ApiDescriptionCheck.observe(new Http.Exchange(undescribed, null, ok));

        assertThatThrownBy(() -> new ApiDescriptionCheckExtension().afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/backdoor -> 200")
                .hasMessageContaining("undocumented operation answered 200");
        // Reported once: the next test starts clean.
        new ApiDescriptionCheckExtension().afterEach(null);
    }

    @Test
    void exchangesOutsideTheManagementApiAreNotChecked() {
        Http.Response ok = server.http.get("/health/live");
        HttpRequest elsewhere = server.http.request("/health/live").GET().build();
        ApiDescriptionCheck.observe(new Http.Exchange(elsewhere, null, ok));
        assertThat(ApiDescriptionCheck.drain()).isEmpty();
    }

    @Test
    void headIsCheckedAsGetWithoutABody() {
        var head = server.http.send(server.http.admin("/v1/auth-servers").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(ApiDescriptionCheck.drain()).isEmpty();
    }
}
