package dev.tessera.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.tessera.support.Backend;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A real OAuth client library drives Tessera end to end: metadata, tokens, verification, introspection, revocation. */
class NimbusClientTest {

    @Test
    void nimbusSdkResolvesMetadataGetsVerifiesIntrospectsAndRevokesTokens() throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read");
        fx.client(List.of("read"), Map.of());

        AuthorizationServerMetadata meta = AuthorizationServerMetadata.resolve(new Issuer(fx.issuer));
        assertThat(meta.getTokenEndpointURI().toString()).isEqualTo(fx.issuer + "/oauth/token");
        OIDCProviderMetadata oidc = OIDCProviderMetadata.resolve(new Issuer(fx.issuer));
        assertThat(oidc.getJWKSetURI()).isEqualTo(meta.getJWKSetURI());

        ClientID id = new ClientID(fx.clientId);
        Secret secret = new Secret(fx.clientSecret);
        for (ClientAuthentication auth : List.<ClientAuthentication>of(new ClientSecretBasic(id, secret), new ClientSecretPost(id, secret))) {
            TokenResponse response = TokenResponse.parse(new TokenRequest(meta.getTokenEndpointURI(), auth,
                    new ClientCredentialsGrant(), new Scope("read")).toHTTPRequest().send());
            assertThat(response.indicatesSuccess()).as(auth.getMethod().getValue()).isTrue();
            AccessToken token = ((AccessTokenResponse) response).getTokens().getAccessToken();
            assertThat(token.getScope().toString()).isEqualTo("read");

            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(meta.getJWKSetURI().toURL()).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("https://api.example.com",
                    new JWTClaimsSet.Builder().issuer(fx.issuer).build(), Set.of("sub", "exp", "iat", "jti", "client_id")));
            JWTClaimsSet claims = processor.process(token.getValue(), null);
            assertThat(claims.getSubject()).isEqualTo(fx.clientId);

            TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                    meta.getIntrospectionEndpointURI(), auth, token).toHTTPRequest().send());
            assertThat(introspection.toSuccessResponse().isActive()).isTrue();
            assertThat(introspection.toSuccessResponse().getClientID()).isEqualTo(id);

            var revocation = new TokenRevocationRequest(meta.getRevocationEndpointURI(), auth, token).toHTTPRequest().send();
            assertThat(revocation.getStatusCode()).isEqualTo(200);
            TokenIntrospectionResponse after = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                    meta.getIntrospectionEndpointURI(), auth, token).toHTTPRequest().send());
            assertThat(after.toSuccessResponse().isActive()).isFalse();
        }

        TokenResponse refused = TokenResponse.parse(new TokenRequest(meta.getTokenEndpointURI(),
                new ClientSecretBasic(id, new Secret("wrong")), new ClientCredentialsGrant()).toHTTPRequest().send());
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(((TokenErrorResponse) refused).getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }
}
