package dev.tessera.crypto;

import dev.tessera.config.ConfigException;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash keys (client-secret pepper, admin-token hash key) encrypted under a master key, as
 * stored in {@code settings}: {@code <check value of the wrapping key>.<base64url(nonce || AES-GCM)>}.
 */
public final class HashKeyWrap {
    private static final SecureRandom RANDOM = new SecureRandom();

    private HashKeyWrap() {
    }

    public static String wrap(MasterKeys.HashKeys keys, MasterKey under) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(under.derive(MasterKeys.WRAP_PURPOSE), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(MasterKeys.HASH_KEYS_CONTEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(ByteBuffer.allocate(64).put(keys.clientSecretPepper()).put(keys.adminTokenHash()).array());
            byte[] out = ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
            return under.checkValue() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static MasterKeys.HashKeys unwrap(String value, List<MasterKey> keys) {
        int dot = value.indexOf('.');
        String check = dot < 0 ? "" : value.substring(0, dot);
        MasterKey key = keys.stream().filter(k -> k.checkValue().equals(check)).findFirst()
                .orElseThrow(() -> new ConfigException("the hash keys in the database are encrypted under a master key this "
                        + "node does not have: set TESSERA_MASTER_KEY (and TESSERA_MASTER_KEY_PREVIOUS while rotating)"));
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.derive(MasterKeys.WRAP_PURPOSE), "AES"),
                    new GCMParameterSpec(128, raw, 0, 12));
            c.updateAAD(MasterKeys.HASH_KEYS_CONTEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] plain = c.doFinal(raw, 12, raw.length - 12);
            return new MasterKeys.HashKeys(Arrays.copyOfRange(plain, 0, 32), Arrays.copyOfRange(plain, 32, 64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("the hash keys in the database cannot be decrypted with the master key");
        }
    }
}
