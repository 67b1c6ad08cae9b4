package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code .../keys}: list, get, rotate and import, and what bad input gets. */
class KeysApiTest {

    @BothBackends
    void theKeysListShowsPublicKeysWithTheirScheduleNewestFirst(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        var list = fx.http.get(fx.admin("/keys"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("meta").path("page").path("total").asInt()).isEqualTo(1);
        JsonNode active = list.json().path("data").get(0);
        assertThat(fieldNames(active)).containsExactly("kid", "alg", "state", "created_at", "activates_at", "retires_at",
                "removes_at", "public_jwk");
        assertThat(active.path("state").asText()).isEqualTo("active");
        assertThat(active.path("retires_at").isNull()).isTrue();
        assertThat(active.path("removes_at").isNull()).isTrue();
        assertThat(active.path("public_jwk").path("kty").asText()).isEqualTo("RSA");
        assertThat(active.path("public_jwk").has("d")).isFalse();
        assertThat(active.path("public_jwk").path("kid").asText()).isEqualTo(active.path("kid").asText());

        var rotated = fx.http.post(fx.admin("/keys/rotate"), json("immediate", false, "alg", "EdDSA"));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode next = rotated.json().path("data").get(0);
        assertThat(next.path("state").asText()).isEqualTo("next");
        assertThat(next.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(next.path("public_jwk").path("crv").asText()).isEqualTo("Ed25519");
        assertThat(rotated.json().path("data").get(1).path("kid").asText()).isEqualTo(active.path("kid").asText());
        // Published at once, not signing yet.
        String token = fx.client(List.of(), Map.of()).accessToken(null);
        assertThat(OAuthFixture.part(token, 0).path("kid").asText()).isEqualTo(active.path("kid").asText());
        assertThat(jwksKids(fx)).containsExactlyInAnyOrder(active.path("kid").asText(), next.path("kid").asText());

        var again = fx.http.post(fx.admin("/keys/rotate"), json());
        assertThat(again.status()).isEqualTo(409);
        assertThat(fx.http.get(fx.admin("/keys")).json().path("data")).hasSize(2);

        var one = fx.http.get(fx.admin("/keys/" + next.path("kid").asText()));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(next);
        assertThat(fx.http.get(fx.admin("/keys/nope")).status()).isEqualTo(404);
        assertThat(fx.http.get("/v1/auth-servers/00000000-0000-0000-0000-000000000000/keys").status()).isEqualTo(404);
        assertThat(fx.http.post("/v1/auth-servers/00000000-0000-0000-0000-000000000000/keys/rotate", json()).status())
                .isEqualTo(404);
    }

    @BothBackends
    void rotateRefusesUnknownAlgorithmsAndFieldsAndChangesNothing(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        String before = fx.http.get(fx.admin("/keys")).body();
        var bad = fx.http.post(fx.admin("/keys/rotate"), json("alg", "HS256", "immediate", "yes", "extra", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Violations.of(bad)).containsEntry("alg", "enum").containsEntry("immediate", "is_boolean")
                .containsEntry("extra", "unknown_property");
        assertThat(fx.http.get(fx.admin("/keys")).body()).isEqualTo(before);
    }

    @BothBackends
    void importedKeysSignAsActiveOrWaitAsNext(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud").client(List.of(), Map.of());
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("migrated-rsa").generate();
        var imported = fx.http.post(fx.admin("/keys"), Http.JSON.writeValueAsString(Map.of("state", "active",
                "jwk", rsa.toJSONObject())));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("kid").asText()).isEqualTo("migrated-rsa");
        assertThat(imported.json().path("alg").asText()).isEqualTo("RS256");
        assertThat(imported.json().path("public_jwk").has("d")).isFalse();
        String token = fx.accessToken(null);
        assertThat(JWSObject.parse(token).getHeader().getKeyID()).isEqualTo("migrated-rsa");
        assertThat(JWSObject.parse(token).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        var states = fx.http.get(fx.admin("/keys")).json().path("data");
        assertThat(states.get(0).path("state").asText()).isEqualTo("active");
        assertThat(states.get(1).path("state").asText()).isEqualTo("retired");
        assertThat(states.get(1).path("removes_at").isNull()).isFalse();

        // PEM: PKCS#8 private key and its public key, as openssl writes them; as next it waits.
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = ec.generateKeyPair();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        var next = fx.http.post(fx.admin("/keys"), json("state", "next", "pem", pem));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(next.json().path("alg").asText()).isEqualTo("ES384");
        assertThat(next.json().path("state").asText()).isEqualTo("next");
        assertThat(JWSObject.parse(fx.accessToken(null)).getHeader().getKeyID()).isEqualTo("migrated-rsa");
        assertThat(jwksKids(fx)).contains(next.json().path("kid").asText(), "migrated-rsa");
        // The audit log records the imports without their private parts.
        var events = fx.http.get("/v1/audit-events?page[size]=100&filter[auth_server_id]=" + fx.serverId);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body()).contains("migrated-rsa").doesNotContain(rsa.getPrivateExponent().toString())
                .doesNotContain("BEGIN PRIVATE KEY");
        // The same kid twice is a conflict.
        assertThat(fx.http.post(fx.admin("/keys"), Http.JSON.writeValueAsString(Map.of("state", "active",
                "jwk", rsa.toJSONObject()))).status()).isEqualTo(409);
    }

    @BothBackends
    void badImportsAreRefusedNamingTheFieldAndNothingIsStored(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        String before = fx.http.get(fx.admin("/keys")).body();

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair weak = small.generateKeyPair();
        RSAKey weakJwk = new RSAKey.Builder((RSAPublicKey) weak.getPublic()).privateKey((RSAPrivateKey) weak.getPrivate()).build();
        assertRefused(fx, Map.of("state", "active", "jwk", weakJwk.toJSONObject()), "jwk", "at least 2048");

        ECKey p256 = new ECKeyGenerator(Curve.P_256).generate();
        assertRefused(fx, Map.of("state", "active", "alg", "RS256", "jwk", p256.toJSONObject()), "alg", "needs an RSA key");
        assertRefused(fx, Map.of("state", "active", "jwk", p256.toPublicJWK().toJSONObject()), "jwk", "private key");
        assertRefused(fx, Map.of("state", "active", "jwk", Map.of("kty", "RSA", "n", "xyz")), "jwk", "not a valid JWK");
        assertRefused(fx, Map.of("state", "next", "pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
                "pem", "not an RSA, EC or Ed25519 key");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        assertRefused(fx, Map.of("state", "next", "pem", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded())),
                "pem", "PUBLIC KEY block");
        KeyPair a = ec.generateKeyPair();
        KeyPair b = ec.generateKeyPair();
        assertRefused(fx, Map.of("state", "next", "pem", pem("PRIVATE KEY", a.getPrivate().getEncoded())
                + pem("PUBLIC KEY", b.getPublic().getEncoded())), "pem", "do not belong together");

        var missing = fx.http.post(fx.admin("/keys"), json("pem", "x"));
        assertThat(Violations.of(missing)).containsEntry("state", "required");
        var neither = fx.http.post(fx.admin("/keys"), json("state", "next"));
        assertThat(Violations.of(neither)).containsEntry("jwk", "required");
        var wrongState = fx.http.post(fx.admin("/keys"), json("state", "retired", "pem", "x"));
        assertThat(Violations.of(wrongState)).containsEntry("state", "enum");
        assertThat(fx.http.get(fx.admin("/keys")).body()).isEqualTo(before);
    }

    @BothBackends
    void keyRotationPeriodDaysIsValidatedAndClearedWithNull(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        var auth = fx.http.get(fx.admin(""));
        assertThat(auth.json().path("key_rotation_period_days").isNull()).isTrue();
        assertThat(fx.http.patch(fx.admin(""), json("key_rotation_period_days", 90)).json()
                .path("key_rotation_period_days").asInt()).isEqualTo(90);
        assertThat(Violations.of(fx.http.patch(fx.admin(""), json("key_rotation_period_days", 0))))
                .containsEntry("key_rotation_period_days", "min");
        assertThat(Violations.of(fx.http.patch(fx.admin(""), json("key_rotation_period_days", 3651))))
                .containsEntry("key_rotation_period_days", "max");
        assertThat(Violations.of(fx.http.patch(fx.admin(""), json("key_rotation_period_days", "90"))))
                .containsEntry("key_rotation_period_days", "is_integer");
        assertThat(fx.http.patch(fx.admin(""), json("key_rotation_period_days", null)).json()
                .path("key_rotation_period_days").isNull()).isTrue();
    }

    @BothBackends
    void changingTheSigningAlgorithmPublishesAKeyOfTheNewTypeBeforeItSigns(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud").client(List.of(), Map.of());
        assertThat(fx.http.patch(fx.admin(""), json("signing_algorithm", "ES384")).status()).isEqualTo(200);
        var keys = fx.http.get(fx.admin("/keys")).json().path("data");
        assertThat(keys.get(0).path("alg").asText()).isEqualTo("ES384");
        assertThat(keys.get(0).path("state").asText()).isEqualTo("next");
        assertThat(JWSObject.parse(fx.accessToken(null)).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var metadata = fx.http.send(fx.http.request(fx.issuer + "/.well-known/openid-configuration").GET()).json();
        assertThat(metadata.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\",\"ES384\"]");
    }

    private static void assertRefused(OAuthFixture fx, Map<String, Object> body, String field, String reason) throws Exception {
        var r = fx.http.post(fx.admin("/keys"), Http.JSON.writeValueAsString(body));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(Violations.of(r)).containsEntry(field, "invalid");
        assertThat(Violations.find(r, field).path("reason").asText()).contains(reason);
        assertThat(r.body()).doesNotContain("\"d\"");
    }

    private static List<String> jwksKids(OAuthFixture fx) {
        try {
            return JWKSet.parse(fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").GET()).body()).getKeys()
                    .stream().map(k -> k.getKeyID()).toList();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
