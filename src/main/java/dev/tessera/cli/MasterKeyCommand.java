package dev.tessera.cli;

import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.MasterKeyRotation;
import dev.tessera.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code tessera master-key rotate}: re-encrypts every signing key under a new master key. Safe
 * to run while servers run, and to run again after a crash: see {@link MasterKeyRotation}.
 */
@Command(name = "master-key", description = "Manage the master key.", subcommands = MasterKeyCommand.Rotate.class)
final class MasterKeyCommand implements Callable<Integer> {
    /** A test seam: the JVM halts (as under kill -9) at the named step of a rotation. */
    static final String HALT_PROPERTY = "tessera.test.masterKeyHaltAt";

    @ParentCommand
    Main main;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "rotate", description = "Re-encrypt every signing key under a new master key. With the key file, "
            + "a new key is generated and written to it; with TESSERA_MASTER_KEY, set it to the new key and "
            + "TESSERA_MASTER_KEY_PREVIOUS to the old one first. Run it again if it was interrupted.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        MasterKeyCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TesseraConfig config = parent.main.config();
            String haltAt = System.getProperty(HALT_PROPERTY, "");
            try (Database db = Database.open(config)) {
                db.migrate();
                MasterKeys keys = MasterKeys.load(config.masterKey(), config.keys().masterKeyPrevious(),
                        config.keys().masterKeyFileIn(config.dataDir()));
                var result = new MasterKeyRotation(db.jdbc(), CryptoProvider.detect(config.nativeCrypto()), step -> {
                    if (step.equals(haltAt)) {
                        Runtime.getRuntime().halt(137);
                    }
                }).rotate(keys);
                spec.commandLine().getOut().println("master key rotated: " + result.reencrypted()
                        + " signing keys re-encrypted; new key check value " + result.current().checkValue()
                        + (keys.file().isPresent() ? " (written to " + keys.file().get() + ")"
                        : "; now remove TESSERA_MASTER_KEY_PREVIOUS from every node"));
                return 0;
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("tessera master-key rotate: " + e.getMessage());
                return 2;
            }
        }
    }
}
