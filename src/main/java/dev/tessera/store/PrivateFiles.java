package dev.tessera.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds the database (client metadata, encrypted keys, token records) and
 * possibly the master key: it is created {@code 0700} and its files {@code 0600}. On file systems
 * without POSIX permissions the files are created with the platform's defaults.
 */
public final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) readable by this user only; an existing directory is left as it is. */
    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Creates an empty {@code 0600} file, or tightens an existing one that others can read
     * (files written by an earlier version were {@code 0644}). Returns true if it was created here.
     */
    public static boolean file(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
            Files.createFile(file, mode);
            return true;
        } catch (FileAlreadyExistsException e) {
            tighten(file);
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.createFile(file);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
    }

    /** Removes group and other permissions from an existing file, if the file system has them. */
    public static void tighten(Path file) throws IOException {
        try {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
            if (!FILE.containsAll(current)) {
                Files.setPosixFilePermissions(file, FILE);
                log.info("{} was readable by other users; now 0600", file);
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions on this file system
        }
    }
}
