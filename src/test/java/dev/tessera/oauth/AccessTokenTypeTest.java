package dev.tessera.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The access token's {@code typ}: {@code JWT} by default (Nimbus's default processor accepts it),
 * {@code at+jwt} per auth server for strict RFC 9068 validators, which reject the default.
 */
class AccessTokenTypeTest {

    @BothBackends
    void defaultTypIsJwtAndPassesNimbusDefaultProcessor(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "https://api.example.com").client(List.of(), Map.of());
        assertThat(fx.http.get(fx.admin("")).text("access_token_typ")).isEqualTo("JWT");
        String token = fx.accessToken(null);
        assertThat(OAuthFixture.part(token, 0).path("typ").asText()).isEqualTo("JWT");

        JWTClaimsSet claims = nimbusDefault(fx).process(token, null);
        assertThat(claims.getSubject()).isEqualTo(fx.clientId);
        assertThatThrownBy(() -> rfc9068Strict(fx).process(token, null)).isInstanceOf(BadJOSEException.class);
    }

    @BothBackends
    void atJwtTokensPassAStrictRfc9068Validator(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "https://api.example.com").client(List.of(), Map.of());
        var patched = fx.http.patch(fx.admin(""), json("access_token_typ", "at+jwt"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.text("access_token_typ")).isEqualTo("at+jwt");

        String token = fx.accessToken(null);
        assertThat(OAuthFixture.part(token, 0).path("typ").asText()).isEqualTo("at+jwt");
        JWTClaimsSet claims = rfc9068Strict(fx).process(token, null);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(fx.clientId);
        assertThat(fx.introspect(token).path("active").asBoolean()).isTrue();
        // The disagreement the option exists for: Nimbus's default processor refuses at+jwt.
        assertThatThrownBy(() -> nimbusDefault(fx).process(token, null)).isInstanceOf(BadJOSEException.class);
    }

    @BothBackends
    void typIsChosenAtCreationAndValidated(Backend backend) {
        var http = Servers.get(backend).http;
        var created = http.post("/v1/auth-servers", json("name", dev.tessera.support.Fixtures.unique("typ"),
                "audience", "a", "access_token_typ", "at+jwt"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("access_token_typ")).isEqualTo("at+jwt");
        var bad = http.post("/v1/auth-servers", json("name", dev.tessera.support.Fixtures.unique("typ"),
                "audience", "a", "access_token_typ", "at+JWT"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("access_token_typ");
        assertThat(bad.json().path("invalid_parameters").get(0).path("rule").asText()).isEqualTo("enum");
    }

    private static DefaultJWTProcessor<SecurityContext> nimbusDefault(OAuthFixture fx) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(fx.issuer + "/.well-known/jwks").toURL()).build()));
        return p;
    }

    /** RFC 9068 §4: typ must be at+jwt; iss, exp, aud, sub, client_id, iat and jti are required. */
    private static DefaultJWTProcessor<SecurityContext> rfc9068Strict(OAuthFixture fx) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = nimbusDefault(fx);
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("https://api.example.com",
                new JWTClaimsSet.Builder().issuer(fx.issuer).build(),
                Set.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti")));
        return p;
    }
}
