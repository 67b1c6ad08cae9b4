package dev.tessera.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tessera.support.ClientKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client may register as its jwks, and what is used of a fetched jwks_uri document. */
class ClientJwksTest {

    private static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    @Test
    void publicSignatureKeysAreAcceptedAndStoredWithoutAnythingElse() throws Exception {
        JWK rsa = ClientKeys.rsa("unit-rsa").privateJwk().toPublicJWK();
        JWK ec = ClientKeys.ec("unit-ec").privateJwk().toPublicJWK();
        JWK ed = ClientKeys.ed25519("unit-ed").privateJwk().toPublicJWK();
        JWKSet stored = ClientJwks.parseRegistered(set(rsa, ec, ed));
        assertThat(stored.getKeys()).extracting(JWK::getKeyID).containsExactly("unit-rsa", "unit-ec", "unit-ed");
        assertThat(stored.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(ClientJwks.stored(stored.toString())).isNotNull();
    }

    @Test
    void keysThatCannotOrMustNotVerifyAssertionsAreRefusedNamingTheKey() throws Exception {
        JWK weakRsa = new RSAKeyGenerator(1024, true).keyID("weak").generate().toPublicJWK();
        JWK encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate().toPublicJWK();
        JWK x25519 = new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(new byte[32])).keyID("x").build();
        JWK ec = ClientKeys.ec("dup").privateJwk().toPublicJWK();
        assertRefused(set(ClientKeys.rsa("unit-rsa").privateJwk()), "key 0 ('unit-rsa') has private key parts: register public keys only");
        assertRefused(set(weakRsa), "key 0 ('weak') is an RSA key of 1024 bits; at least 2048 are required");
        assertRefused(set(encryption), "key 0 ('enc') has use 'enc'; only 'sig' keys verify client assertions");
        assertRefused(set(x25519), "key 0 ('x') uses an unsupported curve (Ed25519 only)");
        assertRefused(set(ec, ec), "has two keys with kid 'dup'");
        assertRefused("{\"keys\": []}", "must hold at least one key in 'keys'");
        assertThatThrownBy(() -> ClientJwks.parseRegistered("{\"keys\": 1}")).isInstanceOf(ClientJwks.InvalidJwks.class)
                .hasMessageStartingWith("is not a valid JWK Set: "); // then Nimbus's reason
        List<JWK> many = new ArrayList<>();
        for (int i = 0; i < ClientJwks.MAX_KEYS + 1; i++) {
            many.add(ClientKeys.ec("many").privateJwk().toPublicJWK());
        }
        assertRefused(new JWKSet(many).toString(), "must hold at most 20 keys");
        assertRefused("{\"keys\": [], \"pad\": \"" + "x".repeat(ClientJwks.MAX_CHARS) + "\"}", "must be at most 16384 characters of JSON");
    }

    @Test
    void aFetchedDocumentKeepsOnlyUsablePublicKeys() throws Exception {
        JWK weakRsa = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        JWKSet usable = ClientJwks.parseFetched(set(ClientKeys.ec("kept").privateJwk(), weakRsa,
                new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[32]).keyID("hmac").build()));
        assertThat(usable.getKeys()).extracting(JWK::getKeyID).containsExactly("kept");
        assertThat(usable.getKeys()).noneMatch(JWK::isPrivate);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ClientJwks.parseRegistered(json)).isInstanceOf(ClientJwks.InvalidJwks.class)
                .hasMessage(message);
    }
}
