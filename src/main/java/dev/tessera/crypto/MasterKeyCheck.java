package dev.tessera.crypto;

import dev.tessera.config.ConfigException;
import dev.tessera.store.Jdbc;

/**
 * A process started with another master key could not read signing keys or verify secrets
 * and admin tokens: the first one stores a check value, every later one (server or CLI)
 * compares and refuses to go on when it differs.
 */
public final class MasterKeyCheck {
    private MasterKeyCheck() {
    }

    public static void verify(Jdbc jdbc, MasterKey key) {
        String expected = key.checkValue();
        var stored = jdbc.queryOne("SELECT value FROM settings WHERE name = 'master_key_check'", rs -> rs.getString(1));
        if (stored.isEmpty()) {
            jdbc.update("INSERT INTO settings (name, value) VALUES ('master_key_check', ?)", expected);
        } else if (!stored.get().equals(expected)) {
            throw new ConfigException("the master key does not match this database: set TESSERA_MASTER_KEY "
                    + "(or the data directory's master.key) to the key the database was created with");
        }
    }
}
