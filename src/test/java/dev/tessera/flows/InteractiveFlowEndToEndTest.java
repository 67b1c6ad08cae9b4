package dev.tessera.flows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole interactive flow as a user meets it: the Nimbus OAuth SDK is the relying party, a
 * redirect-following HTTP client the browser, and the documented example login application
 * (run as its own process) the login page. Code + PKCE, ID token validation against the JWKS,
 * userinfo, and a replayed code that revokes the token.
 */
class InteractiveFlowEndToEndTest {
    private static final String CALLBACK = "http://127.0.0.1:1/callback";
    private static OAuthFixture fx;
    private static ExampleLoginApp loginApp;
    private static OIDCProviderMetadata meta;

    @BeforeAll
    static void start() throws Exception {
        fx = new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read", "write");
        fx.client(List.of("read", "write"), Map.of("grant_types", List.of("authorization_code", "refresh_token"),
                "response_types", List.of("code"), "redirect_uris", List.of(CALLBACK),
                "token_endpoint_auth_method", "client_secret_basic"));
        loginApp = new ExampleLoginApp(fx.issuer, fx.clientId, fx.clientSecret);
        var patched = fx.http.patch(fx.admin("/clients/" + fx.clientId), Http.json("login_uri", loginApp.loginUri));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        meta = OIDCProviderMetadata.resolve(new Issuer(fx.issuer));
    }

    @AfterAll
    static void stop() {
        if (loginApp != null) {
            loginApp.close();
        }
    }

    @Test
    void codeWithPkceGivesAnIdTokenTheSdkValidatesAndUserinfoWithTheLoginClaims() throws Exception {
        ClientID clientId = new ClientID(fx.clientId);
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        URI authorize = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "read"), clientId,
                URI.create(CALLBACK)).endpointURI(meta.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();

        AuthorizationSuccessResponse success = signIn(authorize, "alice", "wonderland", "allow").toSuccessResponse();
        assertThat(success.getState()).isEqualTo(state);
        assertThat(success.getIssuer()).isEqualTo(new Issuer(fx.issuer));
        AuthorizationCode code = success.getAuthorizationCode();

        ClientSecretBasic auth = new ClientSecretBasic(clientId, new Secret(fx.clientSecret));
        TokenRequest exchange = new TokenRequest(meta.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier));
        TokenResponse response = OIDCTokenResponseParser.parse(exchange.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        AccessToken accessToken = tokens.getOIDCTokens().getAccessToken();
        assertThat(accessToken.getScope()).isEqualTo(new Scope("openid", "read"));

        IDTokenClaimsSet id = new IDTokenValidator(new Issuer(fx.issuer), clientId, JWSAlgorithm.RS256,
                meta.getJWKSetURI().toURL()).validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(id.getSubject().getValue()).isEqualTo("user-alice");
        assertThat(id.getAuthorizedParty().getValue()).isEqualTo(fx.clientId);
        assertThat(id.getAuthenticationTime()).isNotNull();
        assertThat(id.getStringClaim("name")).isEqualTo("Alice Liddell");
        AccessTokenValidator.validate(accessToken, JWSAlgorithm.RS256, id.getAccessTokenHash());

        var access = OAuthFixture.part(accessToken.getValue(), 1);
        assertThat(access.path("sub").asText()).isEqualTo("user-alice");
        assertThat(access.path("client_id").asText()).isEqualTo(fx.clientId);

        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(meta.getUserInfoEndpointURI(),
                (BearerAccessToken) accessToken).toHTTPRequest().send());
        assertThat(info.indicatesSuccess()).isTrue();
        var user = info.toSuccessResponse().getUserInfo();
        assertThat(user.getSubject().getValue()).isEqualTo("user-alice");
        assertThat(user.getEmailAddress()).isEqualTo("alice@example.com");
        assertThat(user.getName()).isEqualTo("Alice Liddell");

        // RFC 6749 §4.1.2: the code again is refused, and the token issued for it dies.
        TokenResponse replay = OIDCTokenResponseParser.parse(exchange.toHTTPRequest().send());
        assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                meta.getIntrospectionEndpointURI(), auth, accessToken).toHTTPRequest().send());
        assertThat(introspection.toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void aUserWhoDeniesSendsTheClientAccessDeniedWithStateAndIss() throws Exception {
        State state = new State();
        URI authorize = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"),
                new ClientID(fx.clientId), URI.create(CALLBACK)).endpointURI(meta.getAuthorizationEndpointURI())
                .state(state).nonce(new Nonce()).build().toURI();
        AuthorizationErrorResponse error = signIn(authorize, "alice", "wonderland", "deny").toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(error.getState()).isEqualTo(state);
        assertThat(error.getIssuer()).isEqualTo(new Issuer(fx.issuer));
    }

    @Test
    void refreshTokensRotateAndAReplayedOneIsCaughtThroughTheSdk() throws Exception {
        ClientID clientId = new ClientID(fx.clientId);
        CodeVerifier verifier = new CodeVerifier();
        URI authorize = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid", "offline_access", "read"), clientId, URI.create(CALLBACK))
                .endpointURI(meta.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        AuthorizationCode code = signIn(authorize, "bob", "builder", "allow", "offline_access").toSuccessResponse()
                .getAuthorizationCode();
        ClientSecretBasic auth = new ClientSecretBasic(clientId, new Secret(fx.clientSecret));
        OIDCTokenResponse first = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                meta.getTokenEndpointURI(), auth, new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier))
                .toHTTPRequest().send()).toSuccessResponse();
        RefreshToken initial = first.getOIDCTokens().getRefreshToken();
        assertThat(initial).isNotNull();

        TokenResponse rotated = OIDCTokenResponseParser.parse(new TokenRequest(meta.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(initial)).toHTTPRequest().send());
        assertThat(rotated.indicatesSuccess()).isTrue();
        OIDCTokenResponse second = (OIDCTokenResponse) rotated.toSuccessResponse();
        assertThat(second.getOIDCTokens().getRefreshToken()).isNotEqualTo(initial);
        AccessToken secondAccess = second.getOIDCTokens().getAccessToken();
        IDTokenClaimsSet id = new IDTokenValidator(new Issuer(fx.issuer), clientId, JWSAlgorithm.RS256,
                meta.getJWKSetURI().toURL()).validate(second.getOIDCTokens().getIDToken(), null);
        assertThat(id.getSubject().getValue()).isEqualTo("user-bob");

        TokenResponse replay = OIDCTokenResponseParser.parse(new TokenRequest(meta.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(initial)).toHTTPRequest().send());
        assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                meta.getIntrospectionEndpointURI(), auth, secondAccess).toHTTPRequest().send());
        assertThat(introspection.toSuccessResponse().isActive()).isFalse();
    }

    /** The browser: Tessera → login page → (form posted) → Tessera's answer → the client's callback. */
    private static AuthorizationResponse signIn(URI authorize, String user, String password, String decision,
                                                String... moreScopes) throws Exception {
        Browser.Page toLogin = Browser.get(authorize);
        assertThat(toLogin.status()).as(toLogin.body()).isEqualTo(302);
        assertThat(toLogin.location()).startsWith(loginApp.loginUri + "?login_challenge=");
        Browser.Page form = Browser.follow(toLogin, CALLBACK);
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        String challenge = toLogin.location().substring(toLogin.location().indexOf('=') + 1);
        List<String> fields = new java.util.ArrayList<>(List.of("login_challenge", challenge, "username", user,
                "password", password, "scope", "openid", "scope", "read", "decision", decision));
        for (String scope : moreScopes) {
            fields.addAll(List.of("scope", scope));
        }
        Browser.Page back = Browser.post(URI.create(loginApp.loginUri), fields.toArray(String[]::new));
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(back.location()).startsWith(CALLBACK + "?");
        return AuthorizationResponse.parse(URI.create(back.location()));
    }
}
