package dev.tessera.keys;

/** A published key as stored, decrypted, with its state: the active one signs, all of them verify. */
public record StoredKey(SigningKey key, KeyState state) {
    public boolean active() {
        return state == KeyState.ACTIVE;
    }
}
