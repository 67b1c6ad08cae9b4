package dev.tessera.openapi;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/openapi.json} serves the description to anyone; {@code /console/api} shows it
 * with the bundled viewer, whose every file comes from this server with the right content type.
 */
class ApiDescriptionRoutesTest {
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private final TestServer server = Servers.get(Backend.SQLITE);
    private final Http anonymous = new Http("http://localhost:" + server.app().adminPort(), "not-an-admin-token");

    @Test
    void theDescriptionIsServedWithoutAnAdminToken() throws Exception {
        var withoutToken = anonymous.send(anonymous.request("/v1/openapi.json").GET());
        assertThat(withoutToken.status()).as(withoutToken.toString()).isEqualTo(200);
        assertThat(withoutToken.header("Content-Type")).startsWith("application/json");
        assertThat(withoutToken.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(withoutToken.json()).isEqualTo(Http.JSON.readTree(ApiDescription.json()));
        assertThat(withoutToken.json().path("openapi").asText()).isEqualTo("3.1.0");
        // A wrong token is ignored too, and a trailing slash reaches the same document.
        assertThat(anonymous.get("/v1/openapi.json/").status()).isEqualTo(200);
        var head = anonymous.send(anonymous.request("/v1/openapi.json").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(server.http.get("/v1/openapi.json").json()).isEqualTo(withoutToken.json());
    }

    @Test
    void onlyTheDescriptionIsOpen() {
        var list = anonymous.send(anonymous.request("/v1/auth-servers").GET());
        assertThat(list.status()).isEqualTo(401);
        var write = anonymous.send(anonymous.request("/v1/openapi.json").DELETE());
        assertThat(write.status()).as("a method other than GET still needs a token").isEqualTo(401);
    }

    @Test
    void theViewerPageIsServedWithAStrictContentSecurityPolicy() {
        var page = anonymous.send(anonymous.request("/console/api").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        // No inline script (the policy would block it) and nothing from another host (it works offline).
        assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]").doesNotContain("//cdn").doesNotContain("https://");
    }

    @Test
    void everyFileThePageUsesIsServedHereWithItsContentType() {
        String html = anonymous.send(anonymous.request("/console/api").GET()).body();
        Map<String, String> expected = Map.of(
                "/console/api/assets/swagger-ui-bundle.js", "text/javascript;charset=utf-8",
                "/console/api/assets/viewer.js", "text/javascript;charset=utf-8",
                "/console/api/assets/swagger-ui.css", "text/css;charset=utf-8",
                "/console/api/assets/viewer.css", "text/css;charset=utf-8",
                "/console/api/assets/favicon-32x32.png", "image/png",
                "/v1/openapi.json", "application/json");
        List<String> referenced = new ArrayList<>();
        Matcher m = LOCAL_REFERENCE.matcher(html);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String path : referenced) {
            var r = anonymous.send(anonymous.request(path).GET());
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(contentType(r)).as(path).isEqualTo(expected.get(path));
            assertThat(r.raw().body()).as(path).isNotEmpty();
            if (path.startsWith("/console/")) {
                assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            }
        }
        var bundle = anonymous.send(anonymous.request("/console/api/assets/swagger-ui-bundle.js").GET());
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        var start = anonymous.send(anonymous.request("/console/api/assets/viewer.js").GET()).body();
        // The viewer reads this server's description, never offers to send requests, and never calls a public validator.
        assertThat(start).contains("url: '/v1/openapi.json'", "supportedSubmitMethods: []", "validatorUrl: null")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void onlyTheViewersOwnFilesAreServed() {
        for (String path : List.of("/console/api/assets/index.html", "/console/api/assets/swagger-ui.js",
                "/console/api/assets/..%2Fviewer%2Findex.html", "/console/api/assets/oauth2-redirect.html")) {
            var r = anonymous.send(anonymous.request(path).GET());
            // 404 from the route; 400 from the server itself, which refuses an encoded '/' before routing.
            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.header("Content-Type")).as(path).startsWith("application/").contains("json");
            assertThat(r.body()).as(path).doesNotContain("<html");
        }
    }

    @Test
    void withASeparateAdminListenerBothAreServedThereOnly() {
        try (TestServer separate = TestServer.start(Backend.SQLITE,
                Map.of("TESSERA_ADMIN_PORT", "0", "TESSERA_ADMIN_HOST", "127.0.0.1"))) {
            Http admin = new Http("http://localhost:" + separate.app().adminPort(), "none");
            Http open = new Http("http://localhost:" + separate.app().port(), "none");
            for (String path : List.of("/v1/openapi.json", "/console/api", "/console/api/assets/viewer.js")) {
                assertThat(admin.send(admin.request(path).GET()).status()).as("admin listener " + path).isEqualTo(200);
                assertThat(open.send(open.request(path).GET()).status()).as("public listener " + path).isEqualTo(404);
            }
        }
    }

    /** The content type without the optional spaces around its parameters. */
    private static String contentType(Http.Response r) {
        return r.header("Content-Type").replace(" ", "").toLowerCase();
    }
}
