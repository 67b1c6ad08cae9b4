package dev.tessera.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: the seed tutorial's steps done by clicking (auth server, scope,
 * claim, client, secret, test token, rotation, revocation), errors shown at their fields, CSRF
 * refusal and sign-out. One server and one browser for the class.
 */
class ConsoleBrowserTest {
    private static TestServer server;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws IOException {
        browser = ConsoleBrowser.start();
        server = TestServer.start(Backend.SQLITE);
        browser.allowClipboard(server.baseUrl());
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signedIn() {
        browser.driver.get(server.baseUrl() + "/console#/");
        browser.wait.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")),
                ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as"))));
        if (!browser.driver.findElements(By.id("sign-in")).isEmpty()) {
            browser.type("#sign-in input[name=admin_token]", TestServer.ADMIN_TOKEN);
            browser.click("#sign-in button[type=submit]");
            browser.textIn("#signed-in-as", "TESSERA_ADMIN_TOKEN");
        }
    }

    @Test
    void theSeedTutorialByClicking() throws IOException {
        String name = Fixtures.unique("payments");
        browser.click("#new-auth-server");
        browser.type("#create-auth-server input[name=name]", name);
        browser.type("#create-auth-server input[name=description]", "Tokens for the payments APIs");
        browser.type("#create-auth-server input[name=audience]", "https://api.example.com/payments");
        browser.type("#create-auth-server textarea[name=labels]", "team: payments");
        browser.click("#create-auth-server button[type=submit]");
        browser.textIn("#auth-server-name", name);
        String issuer = browser.visible("#issuer-url").getText();
        JsonNode created = server.http.get("/v1/auth-servers?filter[name]=" + name).json().path("data").get(0);
        assertThat(issuer).isEqualTo(created.path("issuer").asText()).startsWith(server.baseUrl() + "/");
        assertThat(browser.visible("#discovery-url").getText()).isEqualTo(issuer + "/.well-known/openid-configuration");
        browser.driver.findElement(By.cssSelector(".url-row button.copy")).click();
        assertThat(browser.clipboard()).isEqualTo(issuer);
        browser.screenshot("auth-server");

        browser.click("a[data-tab=scopes]");
        browser.type("#create-scope input[name=name]", "payments:read");
        browser.type("#create-scope input[name=description]", "Read payments");
        browser.click("#create-scope input[name=default]");
        browser.click("#create-scope button[type=submit]");
        browser.textIn("#scopes", "payments:read");

        browser.click("a[data-tab=clients]");
        browser.type("#create-client input[name=name]", "billing-service");
        browser.visible("#create-client input[name=allow_scopes]").click();
        browser.click("#create-client button[type=submit]");
        String secret = browser.visible("#new-client-secret").getText();
        String clientId = browser.visible("#new-client-id").getText();
        assertThat(browser.visible("#secret-once .warning").getText()).contains("shown only once");
        browser.click("#secret-once button[data-copy='" + secret + "']");
        assertThat(browser.clipboard()).isEqualTo(secret);
        browser.screenshot("client-created", "#client-created");

        browser.click("a[data-tab=claims]");
        browser.type("#create-claim input[name=name]", "team");
        browser.type("#create-claim textarea[name=value]", "${ .Client.Name | upper }");
        browser.textIn("#claim-preview", "\"BILLING-SERVICE\"");
        browser.type("#create-claim textarea[name=value]", "${ .Client.Name | nosuchfunction }");
        WebElement valueError = browser.visible("#create-claim [data-error-for=value]");
        assertThat(valueError.getText()).contains("nosuchfunction");
        browser.type("#create-claim textarea[name=value]", "${ .Client.Name | upper }");
        browser.wait.until(ExpectedConditions.invisibilityOf(valueError));
        browser.click("#create-claim input[name=include_in_all_scopes]");
        browser.screenshot("claim-editor");
        browser.click("#create-claim button[type=submit]");
        browser.textIn("#claims", "team");

        browser.click("a[data-tab=clients]");
        browser.click("#clients a");
        browser.textIn("#client-id", clientId);
        assertThat(browser.visible("#test-token input[name=client_secret]").getAttribute("value")).isEqualTo(secret);
        browser.click("#test-token button[type=submit]");
        String payload = browser.visible("#token-payload").getText();
        assertThat(payload).contains("\"team\": \"BILLING-SERVICE\"").contains("\"client_id\": \"" + clientId + "\"")
                .contains("\"scope\": \"payments:read\"");
        assertThat(browser.visible("#token-header").getText()).contains("\"alg\": \"RS256\"").contains("\"kid\"");
        assertThat(browser.visible("#test-token-curl").getText()).contains(issuer + "/oauth/token")
                .contains("client_id='" + clientId + "'").doesNotContain(secret);
        browser.textIn("#token-list", "payments:read");
        browser.screenshot("test-token");

        browser.click("#rotate-secret");
        String rotated = browser.visible("#rotated #new-client-secret").getText();
        assertThat(rotated).isNotEqualTo(secret);
        browser.textIn("#secret-overlap", "Two secrets are enabled");
        assertThat(browser.driver.findElements(By.cssSelector("#secret-list .state.on"))).hasSize(2);
        browser.type("#test-token input[name=client_secret]", rotated);
        browser.click("#test-token button[type=submit]");
        browser.visible("#token-payload");
        browser.wait.until(d -> d.findElements(By.cssSelector("#token-list tbody tr")).size() == 2);
        browser.screenshot("client", "#secrets");

        browser.click("#revoke-all");
        assertThat(browser.confirm()).contains("2 live token(s)");
        browser.visible("#no-tokens");
        String base = "/v1/auth-servers/" + created.path("id").asText() + "/clients/" + clientId;
        assertThat(server.http.get(base + "/tokens").json().path("meta").path("page").path("total").asInt()).isZero();

        browser.driver.get(server.baseUrl() + "/console#/auth-servers/" + created.path("id").asText() + "/activity");
        browser.textIn("#activity-total", "2");
        assertThat(browser.driver.findElements(By.cssSelector("[data-client-activity='" + clientId + "'] rect.bar[data-count='2']"))).hasSize(1);
        browser.screenshot("activity");

        browser.click("a[data-tab=keys]");
        JsonNode keys = server.http.get("/v1/auth-servers/" + created.path("id").asText() + "/keys").json().path("data");
        String activeKid = keys.get(0).path("kid").asText();
        assertThat(keys.get(0).path("state").asText()).isEqualTo("active");
        browser.textIn("#key-list tr[data-kid='" + activeKid + "']", "active");
        browser.textIn("#key-list tr[data-kid='" + activeKid + "']", keys.get(0).path("alg").asText());
        browser.screenshot("signing-keys");

        browser.driver.get(server.baseUrl() + "/console#/audit");
        browser.textIn("#audit-events", "TESSERA_ADMIN_TOKEN");
        browser.screenshot("audit-log");

        browser.driver.get(server.baseUrl() + "/console#/");
        browser.textIn("#auth-servers", name);
        browser.screenshot("auth-servers");
        browser.type("input[name=search]", "no-such-server");
        browser.textIn("#auth-server-results", "No auth server matches.");

        browser.driver.get(server.baseUrl() + "/console#/auth-servers/" + created.path("id").asText());
        browser.click("#delete-auth-server");
        assertThat(browser.confirm()).contains("Delete auth server “" + name + "”?")
                .contains("1 scope(s), 1 claim(s) and 1 client(s)");
        browser.visible("#auth-server-results");
        assertThat(server.http.get("/v1/auth-servers/" + created.path("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void editingAndDisablingGoThroughPatch() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read").client(List.of("read"), Map.of());
        fx.claim("tier", "gold", Map.of("include_in_token", true, "include_in_all_scopes", true));
        String page = server.baseUrl() + "/console#/auth-servers/" + fx.serverId;

        browser.driver.get(page);
        browser.type("#edit-auth-server input[name=description]", "Edited in the console");
        browser.type("#edit-auth-server textarea[name=labels]", "env: test");
        browser.click("#edit-auth-server button[type=submit]");
        browser.wait.until(d -> server.http.get(fx.admin("")).text("description").equals("Edited in the console"));
        assertThat(server.http.get(fx.admin("")).json().path("labels").toString()).isEqualTo("{\"env\":\"test\"}");

        browser.driver.get(page + "/scopes");
        browser.click("#scopes tr[data-scope=read] [data-action=toggle]");
        browser.textIn("#scopes tr[data-scope=read] .state", "disabled");
        assertThat(server.http.get(fx.admin("/scopes/" + fx.scopeIds.get("read"))).json().path("enabled").asBoolean()).isFalse();

        browser.driver.get(page + "/claims");
        browser.click("#claims tr[data-claim=tier] [data-action=edit]");
        browser.type("#edit-claim textarea[name=value]", "${ .Client.ID }");
        browser.textIn("#claim-preview", "\"" + fx.clientId + "\"");
        browser.click("#edit-claim button[type=submit]");
        browser.textIn("#claims tr[data-claim=tier]", "${ .Client.ID }");

        browser.driver.get(page + "/clients/" + fx.clientId);
        browser.click("#edit-client input[name=grant_types][value=authorization_code]");
        browser.click("#edit-client input[name=response_types][value=code]");
        browser.type("#edit-client textarea[name=redirect_uris]", "https://app.example.com/callback");
        browser.click("#edit-client button[type=submit]");
        browser.wait.until(d -> server.http.get(fx.admin("/clients/" + fx.clientId)).json().path("redirect_uris").size() == 1);
        var client = server.http.get(fx.admin("/clients/" + fx.clientId)).json();
        assertThat(client.path("grant_types").toString()).isEqualTo("[\"client_credentials\",\"authorization_code\"]");
        assertThat(client.path("redirect_uris").get(0).asText()).isEqualTo("https://app.example.com/callback");
    }

    @Test
    void apiErrorsAreShownAtTheFieldsTheyName() {
        browser.click("#new-auth-server");
        browser.type("#create-auth-server input[name=name]", Fixtures.unique("invalid"));
        browser.type("#create-auth-server textarea[name=labels]", "kong-team: x");
        browser.click("#create-auth-server button[type=submit]");
        assertThat(browser.visible("#create-auth-server [data-error-for=audience]").getText()).isEqualTo("must not be empty");
        assertThat(browser.visible("#create-auth-server [data-error-for=labels]").getText()).contains("kong-team");
        assertThat(browser.driver.findElement(By.cssSelector("#create-auth-server input[name=audience]")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("create-auth-server")).getText()).doesNotContain("{").doesNotContain("invalid_parameters");
    }

    @Test
    void requestsWithTheCookieButWithoutTheCsrfTokenAreRefused() {
        assertThat(browser.driver.manage().getCookieNamed("tessera_console").isHttpOnly()).isTrue();
        assertThat(browser.driver.manage().getCookieNamed("tessera_console").getSameSite()).isEqualTo("Strict");
        assertThat(browser.fetchStatus("GET", "/v1/auth-servers", Map.of())).isEqualTo(403);
        assertThat(browser.fetchStatus("DELETE", "/v1/auth-servers/" + java.util.UUID.randomUUID(), Map.of("X-CSRF-Token", "forged")))
                .isEqualTo(403);
        assertThat((String) browser.driver.executeScript("return document.cookie")).doesNotContain("tessera_console");
    }

    @Test
    void aReadOnlySessionHidesChangesAndAnEndedOneReturnsToSignIn() {
        Http.Response token = server.http.post("/v1/admin-tokens", Http.json("name", Fixtures.unique("leaving"), "read_only", true));
        browser.click("#sign-out");
        browser.visible("#sign-in");
        browser.type("#sign-in input[name=admin_token]", token.text("token"));
        browser.click("#sign-in button[type=submit]");
        browser.textIn("#signed-in-as", token.text("name") + "” (read-only)");
        browser.visible("#auth-server-results");
        assertThat(browser.driver.findElement(By.id("new-auth-server")).isDisplayed()).as("read-only: no create button").isFalse();

        assertThat(server.http.delete("/v1/admin-tokens/" + token.text("id")).status()).isEqualTo(204);
        browser.click("#nav a[href='#/audit']");
        browser.textIn("#sign-in-message", "Your session has ended. Sign in again.");
    }

    @Test
    void signOutEndsTheSession() throws IOException {
        Cookie before = browser.driver.manage().getCookieNamed("tessera_console");
        browser.click("#sign-out");
        browser.textIn("#sign-in-message", "You are signed out.");
        browser.screenshot("sign-in");
        assertThat(browser.driver.manage().getCookieNamed("tessera_console")).isNull();
        browser.driver.navigate().refresh();
        browser.visible("#sign-in");
        Http.Response old = server.http.send(server.http.request("/console/session").header("Cookie", "tessera_console=" + before.getValue()));
        assertThat(old.status()).isEqualTo(401);

        browser.type("#sign-in input[name=admin_token]", "tsr_wrong");
        browser.click("#sign-in button[type=submit]");
        assertThat(browser.visible("#sign-in [data-error-for=admin_token]").getText()).isEqualTo("is not a valid admin token");
        assertThat(browser.driver.findElement(By.cssSelector("#sign-in input[name=admin_token]")).getAttribute("value")).isEmpty();
        List<String> storage = List.of("localStorage", "sessionStorage");
        for (String s : storage) {
            assertThat(((Number) browser.driver.executeScript("return window." + s + ".length")).intValue()).isZero();
        }
    }
}
