package dev.tessera.keys;

import java.util.Locale;

/** Where a signing key is in its life: published before it signs, signing, or kept only to verify. */
public enum KeyState {
    /** Published in JWKS, not signing yet. */
    NEXT,
    /** Signs new tokens; exactly one per auth server. */
    ACTIVE,
    /** Published until its last token has expired, no longer signing. */
    RETIRED;

    /** The name in the database and the API: {@code next}, {@code active}, {@code retired}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
