package dev.tessera.flows;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.tessera.flows.FlowFixture.CALLBACK;
import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The authorize endpoint's checks, and the security regressions of issue 10. */
class AuthorizeEndpointTest {
    private static FlowFixture fx;
    private static String clientId;
    private static String secret;

    @BeforeAll
    static void setUp() {
        fx = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read", "write"));
        String[] c = fx.client(Map.of());
        clientId = c[0];
        secret = c[1];
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://APP.example.com/cb", "https://app.example.com/CB", "https://app.example.com/cb/",
            "https://app.example.com/cb?x=1", "https://evil@app.example.com/cb", "https://app.example.com:8443/cb",
            "http://app.example.com/cb", "https://app.example.com/cb#f", "https://app.example.com.evil.test/cb"})
    void aRedirectUriThatIsNotExactlyRegisteredIsShownNeverRedirected(String variant) {
        Browser.Page p = fx.authorize("client_id", clientId, "redirect_uri", variant, "response_type", "code", "state", "s1");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.location()).isNull();
        assertThat(p.body()).contains("redirect_uri is not registered for this client");
    }

    @Test
    void anUnknownClientIsShownAsJsonWhenJsonIsAsked() {
        var r = fx.http.send(fx.http.request(fx.oauth.issuer + "/authorize?client_id=nobody&response_type=code")
                .header("Accept", "application/json").GET());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().path("error_description").asText()).isEqualTo("client_id 'nobody' is not a client of this issuer");
    }

    @Test
    void otherErrorsAreRedirectedWithStateAndIss() {
        Browser.Page p = fx.authorize("client_id", clientId, "response_type", "code", "scope", "admin", "state", "xyz");
        assertThat(p.status()).isEqualTo(302);
        assertThat(FlowFixture.params(p.location())).containsExactly(Map.entry("error", "invalid_scope"),
                Map.entry("error_description", "scope 'admin' is not allowed for this client"),
                Map.entry("state", "xyz"), Map.entry("iss", fx.oauth.issuer));
        assertThat(p.location()).startsWith(CALLBACK + "?");

        Browser.Page missing = fx.authorize("client_id", clientId, "state", "abc");
        assertThat(FlowFixture.params(missing.location())).containsEntry("error", "invalid_request")
                .containsEntry("error_description", "parameter 'response_type' is required").containsEntry("state", "abc");

        Browser.Page unsupported = fx.authorize("client_id", clientId, "response_type", "code id_token");
        assertThat(FlowFixture.params(unsupported.location())).containsEntry("error", "unsupported_response_type")
                .doesNotContainKey("state");

        Browser.Page notAllowed = fx.authorize("client_id", clientId, "response_type", "token");
        assertThat(FlowFixture.params(URI.create(notAllowed.location()).toString())).containsEntry("error", "unauthorized_client");
        assertThat(notAllowed.location()).contains("#");
    }

    @Test
    void pkceIsS256OnlyAndRequiredForPublicClientsAndWhenTheIssuerSaysSo() {
        Browser.Page plain = fx.authorize("client_id", clientId, "response_type", "code", "code_challenge",
                FlowFixture.VERIFIER, "code_challenge_method", "plain");
        assertThat(FlowFixture.params(plain.location())).containsEntry("error", "invalid_request")
                .containsEntry("error_description", "code_challenge_method must be S256 (plain is not accepted)");
        Browser.Page noMethod = fx.authorize("client_id", clientId, "response_type", "code", "code_challenge",
                FlowFixture.VERIFIER);
        assertThat(FlowFixture.params(noMethod.location())).containsEntry("error", "invalid_request");

        var pub = fx.oauth.http.post(fx.oauth.admin("/clients"), json("name", "public-" + System.nanoTime(),
                "grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of(CALLBACK), "login_uri", FlowFixture.LOGIN, "token_endpoint_auth_method", "none",
                "allow_all_scopes", true));
        assertThat(pub.status()).as(pub.toString()).isEqualTo(201);
        Browser.Page publicWithout = fx.authorize("client_id", pub.text("id"), "response_type", "code");
        assertThat(FlowFixture.params(publicWithout.location())).containsEntry("error_description",
                "parameter 'code_challenge' is required: public clients must use PKCE");
    }

    @Test
    void requirePkceOnTheAuthServerAppliesToConfidentialClients() throws Exception {
        FlowFixture own = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read"));
        String[] c = own.client(Map.of());
        assertThat(own.http.patch(own.oauth.admin(""), json("require_pkce", true)).json().path("require_pkce").asBoolean())
                .isTrue();
        Browser.Page without = own.authorize("client_id", c[0], "response_type", "code");
        assertThat(FlowFixture.params(without.location())).containsEntry("error_description",
                "parameter 'code_challenge' is required: this issuer requires PKCE");
        own.loginChallenge("client_id", c[0], "response_type", "code", "code_challenge",
                FlowFixture.challengeOf(FlowFixture.VERIFIER), "code_challenge_method", "S256");
    }

    @Test
    void pkceCannotBeDowngradedOrSkipped() throws Exception {
        // issued with a challenge: no verifier is refused (and the code is spent)
        String withChallenge = code("code_challenge", FlowFixture.challengeOf(FlowFixture.VERIFIER),
                "code_challenge_method", "S256");
        var noVerifier = fx.token(clientId, secret, "grant_type", "authorization_code", "code", withChallenge,
                "redirect_uri", CALLBACK);
        assertThat(noVerifier.status()).isEqualTo(400);
        assertThat(noVerifier.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(noVerifier.text("error_description")).contains("code_verifier is required");
        // a wrong verifier
        String other = code("code_challenge", FlowFixture.challengeOf(FlowFixture.VERIFIER), "code_challenge_method", "S256");
        var wrong = fx.token(clientId, secret, "grant_type", "authorization_code", "code", other, "redirect_uri", CALLBACK,
                "code_verifier", FlowFixture.VERIFIER.replace('d', 'e'));
        assertThat(wrong.text("error_description")).isEqualTo("code_verifier does not match the code_challenge");
        // issued without one: a verifier is refused too (downgrade)
        String without = code();
        var downgrade = fx.token(clientId, secret, "grant_type", "authorization_code", "code", without,
                "redirect_uri", CALLBACK, "code_verifier", FlowFixture.VERIFIER);
        assertThat(downgrade.json().path("error").asText()).isEqualTo("invalid_grant");
        // and the right one works
        String good = code("code_challenge", FlowFixture.challengeOf(FlowFixture.VERIFIER), "code_challenge_method", "S256");
        var ok = fx.token(clientId, secret, "grant_type", "authorization_code", "code", good, "redirect_uri", CALLBACK,
                "code_verifier", FlowFixture.VERIFIER);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void aCodeInjectedByAnotherClientIsRefusedAndStaysUsableByItsOwn() {
        FlowFixture second = new FlowFixture(fx.oauth);
        String savedId = fx.oauth.clientId;
        String savedSecret = fx.oauth.clientSecret;
        String[] attacker = second.client(Map.of());
        fx.oauth.clientId = savedId;
        fx.oauth.clientSecret = savedSecret;
        String victimsCode = code();
        var injected = fx.token(attacker[0], attacker[1], "grant_type", "authorization_code", "code", victimsCode,
                "redirect_uri", CALLBACK);
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":"
                + "\"the authorization code was issued to another client\"}");
        var own = fx.token(clientId, secret, "grant_type", "authorization_code", "code", victimsCode, "redirect_uri", CALLBACK);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }

    @Test
    void theRedirectUriAtTheTokenEndpointMustMatch() {
        FlowFixture own = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read"));
        String[] c = own.client(Map.of("redirect_uris", List.of(CALLBACK, CALLBACK + "2")));
        String challenge = own.loginChallenge("client_id", c[0], "response_type", "code", "redirect_uri", CALLBACK);
        String code = own.acceptedParams(challenge).get("code");
        var other = own.token(c[0], c[1], "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK + "2");
        assertThat(other.text("error_description")).isEqualTo("redirect_uri does not match the one of the authorization request");
    }

    @Test
    void stateAndNonceAreEchoedAndIssIsInEveryResponse() {
        String challenge = fx.loginChallenge("client_id", clientId, "response_type", "code", "scope", "openid read",
                "state", "st-1 with spaces&stuff", "nonce", "n-0S6_WzA2Mj");
        Map<String, String> params = fx.acceptedParams(challenge);
        assertThat(params).containsEntry("state", "st-1 with spaces&stuff").containsEntry("iss", fx.oauth.issuer);
        var tokens = fx.token(clientId, secret, "grant_type", "authorization_code", "code", params.get("code"),
                "redirect_uri", CALLBACK);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        var id = FlowFixture.payload(tokens.text("id_token"));
        assertThat(id.path("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.path("aud").asText()).isEqualTo(clientId);
        assertThat(id.path("iss").asText()).isEqualTo(fx.oauth.issuer);
        assertThat(id.path("name").asText()).isEqualTo("User One");
        assertThat(id.has("at_hash")).isTrue();

        String noState = fx.loginChallenge("client_id", clientId, "response_type", "code");
        assertThat(fx.acceptedParams(noState)).doesNotContainKey("state").containsKey("code");
    }

    @Test
    void aLoginRequestIsDecidedOnceAndOnlyByItsOwnClient() {
        String challenge = fx.loginChallenge("client_id", clientId, "response_type", "code", "scope", "read");
        var details = fx.clientCall(clientId, secret, challenge, null);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.json().path("client_id").asText()).isEqualTo(clientId);
        assertThat(details.json().path("requested_scopes").get(0).asText()).isEqualTo("read");
        assertThat(details.json().path("redirect_uri").asText()).isEqualTo(CALLBACK);

        FlowFixture second = new FlowFixture(fx.oauth);
        String[] other = second.client(Map.of());
        fx.oauth.clientId = clientId;
        fx.oauth.clientSecret = secret;
        assertThat(fx.clientCall(other[0], other[1], challenge, null).status()).isEqualTo(404);
        assertThat(fx.clientCall(other[0], other[1], challenge + "/accept", json("subject", "mallory")).status())
                .isEqualTo(404);

        var notRequested = fx.clientCall(clientId, secret, challenge + "/accept", json("subject", "u", "scopes",
                List.of("write")));
        assertThat(notRequested.status()).isEqualTo(400);
        assertThat(notRequested.text("error_description")).isEqualTo("scopes may only contain requested scopes; "
                + "'write' was not requested");
        var noSubject = fx.clientCall(clientId, secret, challenge + "/accept", json("scopes", List.of("read")));
        assertThat(noSubject.text("error_description")).isEqualTo("subject is required");
        var reserved = fx.clientCall(clientId, secret, challenge + "/accept", json("subject", "u", "claims",
                Map.of("iss", "https://evil.test")));
        assertThat(reserved.text("error_description")).isEqualTo("claims.iss is a registered claim Tessera sets itself");

        var accepted = fx.clientCall(clientId, secret, challenge + "/accept", json("subject", "u"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("redirect_to")).startsWith(CALLBACK + "?code=");
        var again = fx.clientCall(clientId, secret, challenge + "/reject", "{}");
        assertThat(again.status()).isEqualTo(410);
        assertThat(fx.adminAccept(challenge, json("subject", "u")).status()).isEqualTo(410);
        assertThat(fx.clientCall(clientId, "wrong-secret", challenge, null).status()).isEqualTo(401);
    }

    @Test
    void maxAgeMakesAuthTimeRequired() {
        String challenge = fx.loginChallenge("client_id", clientId, "response_type", "code", "scope", "openid", "max_age", "60");
        assertThat(fx.clientCall(clientId, secret, challenge, null).json().path("max_age").asInt()).isEqualTo(60);
        var without = fx.adminAccept(challenge, json("subject", "u"));
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("auth_time");
        long authTime = System.currentTimeMillis() / 1000 - 5;
        var r = fx.adminAccept(challenge, json("subject", "u", "auth_time", authTime));
        String code = FlowFixture.params(r.text("redirect_to")).get("code");
        var tokens = fx.token(clientId, secret, "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);
        assertThat(FlowFixture.payload(tokens.text("id_token")).path("auth_time").asLong()).isEqualTo(authTime);
        Browser.Page bad = fx.authorize("client_id", clientId, "response_type", "code", "max_age", "-1");
        assertThat(FlowFixture.params(bad.location())).containsEntry("error_description",
                "max_age must be a non-negative number of seconds");
    }

    @Test
    void rejectionSendsTheChosenErrorWithStateAndIss() {
        String challenge = fx.loginChallenge("client_id", clientId, "response_type", "code", "state", "s9", "prompt", "none");
        assertThat(fx.clientCall(clientId, secret, challenge, null).json().path("prompt").asText()).isEqualTo("none");
        var bad = fx.http.post(fx.oauth.admin("/login-requests/" + challenge + "/reject"), json("error", "server_error"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("error");
        var r = fx.http.post(fx.oauth.admin("/login-requests/" + challenge + "/reject"), json("error", "login_required"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(FlowFixture.params(r.text("redirect_to"))).containsEntry("error", "login_required")
                .containsEntry("state", "s9").containsEntry("iss", fx.oauth.issuer);
    }

    @Test
    void formPostDeliversTheCodeThroughAPageTheBrowserSeesOnce() {
        String challenge = fx.loginChallenge("client_id", clientId, "response_type", "code", "response_mode", "form_post",
                "state", "fp");
        var accepted = fx.adminAccept(challenge, json("subject", "u"));
        String redirectTo = accepted.text("redirect_to");
        assertThat(redirectTo).isEqualTo(fx.oauth.issuer + "/authorize/form-post?login_challenge=" + challenge);
        Browser.Page page = Browser.get(URI.create(redirectTo));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + CALLBACK + "\">")
                .contains("name=\"code\"").contains("name=\"state\" value=\"fp\"")
                .contains("name=\"iss\" value=\"" + fx.oauth.issuer + "\"");
        assertThat(Browser.get(URI.create(redirectTo)).status()).isEqualTo(400);
    }

    @Test
    void implicitSendsTokensInTheFragment() {
        FlowFixture own = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read"));
        String[] c = own.client(Map.of("grant_types", List.of("implicit"), "response_types", List.of("token", "id_token")));
        var noNonce = own.authorize("client_id", c[0], "response_type", "id_token token", "scope", "openid");
        assertThat(FlowFixture.params(noNonce.location())).containsEntry("error", "invalid_request");
        var query = own.authorize("client_id", c[0], "response_type", "token", "response_mode", "query");
        assertThat(query.location()).contains("#error=invalid_request");

        String challenge = own.loginChallenge("client_id", c[0], "response_type", "id_token token", "scope", "openid read",
                "nonce", "nn", "state", "st");
        var r = own.adminAccept(challenge, json("subject", "user-9"));
        assertThat(r.text("redirect_to")).startsWith(CALLBACK + "#access_token=");
        Map<String, String> p = FlowFixture.params(r.text("redirect_to"));
        assertThat(p).containsEntry("token_type", "Bearer").containsEntry("state", "st").containsEntry("iss", own.oauth.issuer)
                .containsEntry("scope", "openid read");
        var id = FlowFixture.payload(p.get("id_token"));
        assertThat(id.path("nonce").asText()).isEqualTo("nn");
        assertThat(id.path("sub").asText()).isEqualTo("user-9");
        assertThat(id.has("at_hash")).isTrue();
        assertThat(FlowFixture.payload(p.get("access_token")).path("sub").asText()).isEqualTo("user-9");
    }

    @Test
    void directAuthorizationIsOnlyForClientsThatOptIn() {
        var refused = fx.oauth.post("/authorize", OAuthFixture.basic(clientId, secret),
                FlowFixture.query("response_type", "code", "subject", "user-5", "state", "d1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"error\":\"unauthorized_client\",\"error_description\":"
                + "\"this client may not use direct authorization (allow_direct_authorization is false)\"}");

        FlowFixture own = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read"));
        String[] c = own.client(Map.of("allow_direct_authorization", true));
        var r = own.oauth.post("/authorize", OAuthFixture.basic(c[0], c[1]),
                FlowFixture.query("response_type", "code", "subject", "user-5", "state", "d1", "scope", "openid read",
                        "nonce", "n1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, String> p = FlowFixture.params(r.text("redirect_uri"));
        assertThat(p).containsKey("code").containsEntry("state", "d1").containsEntry("iss", own.oauth.issuer);
        var tokens = own.token(c[0], c[1], "grant_type", "authorization_code", "code", p.get("code"), "redirect_uri", CALLBACK);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(FlowFixture.payload(tokens.text("access_token")).path("sub").asText()).isEqualTo("user-5");
        assertThat(FlowFixture.payload(tokens.text("id_token")).path("nonce").asText()).isEqualTo("n1");
        var wrongSecret = own.oauth.post("/authorize", OAuthFixture.basic(c[0], "nope"),
                FlowFixture.query("response_type", "code", "subject", "user-5"));
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void aPublicClientRedeemsItsCodeWithTheVerifierAlone() throws Exception {
        var pub = fx.http.post(fx.oauth.admin("/clients"), json("name", "spa-" + System.nanoTime(),
                "grant_types", List.of("authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of(CALLBACK), "login_uri", FlowFixture.LOGIN, "token_endpoint_auth_method", "none",
                "allow_all_scopes", true));
        String id = pub.text("id");
        String challenge = fx.loginChallenge("client_id", id, "response_type", "code", "code_challenge",
                FlowFixture.challengeOf(FlowFixture.VERIFIER), "code_challenge_method", "S256");
        String code = fx.acceptedParams(challenge).get("code");
        var r = fx.oauth.post("/oauth/token", null, FlowFixture.query("grant_type", "authorization_code", "client_id", id,
                "code", code, "redirect_uri", CALLBACK, "code_verifier", FlowFixture.VERIFIER));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var cc = fx.oauth.post("/oauth/token", null, FlowFixture.query("grant_type", "client_credentials", "client_id", id));
        assertThat(cc.status()).isEqualTo(401);
    }

    @Test
    void discoveryListsWhatTheAuthorizeEndpointServes() {
        var m = fx.http.send(fx.http.request(fx.oauth.issuer + "/.well-known/openid-configuration").GET()).json();
        assertThat(m.path("authorization_endpoint").asText()).isEqualTo(fx.oauth.issuer + "/authorize");
        assertThat(Http.JSON.convertValue(m.path("response_types_supported"), List.class))
                .isEqualTo(List.of("code", "token", "id_token", "id_token token"));
        assertThat(Http.JSON.convertValue(m.path("response_modes_supported"), List.class))
                .isEqualTo(List.of("query", "fragment", "form_post"));
        assertThat(Http.JSON.convertValue(m.path("grant_types_supported"), List.class))
                .isEqualTo(List.of("authorization_code", "client_credentials", "refresh_token", "implicit"));
        assertThat(Http.JSON.convertValue(m.path("code_challenge_methods_supported"), List.class)).isEqualTo(List.of("S256"));
        assertThat(m.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(m.has("end_session_endpoint")).isFalse();
    }

    /** A code for the shared client, through the admin handoff. */
    private static String code(String... extra) {
        String[] pairs = new String[extra.length + 4];
        pairs[0] = "client_id";
        pairs[1] = clientId;
        pairs[2] = "response_type";
        pairs[3] = "code";
        System.arraycopy(extra, 0, pairs, 4, extra.length);
        return fx.acceptedParams(fx.loginChallenge(pairs)).get("code");
    }
}
