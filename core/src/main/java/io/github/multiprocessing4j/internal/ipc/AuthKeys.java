package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The run's authentication key: the key {@code Listener} and {@code Client} use when given
 * none, as Python uses {@code current_process().authkey}. 32 random bytes in the file
 * {@code authkey} of the run directory (mode 0700), made by whichever process of the run asks
 * first, so the root and all its descendants share it and nobody else can read it.
 */
public final class AuthKeys {

    private static volatile byte[] cached;

    private AuthKeys() {
    }

    /** @return the run's key (a copy) */
    public static byte[] runKey() {
        byte[] key = cached;
        if (key == null) {
            synchronized (AuthKeys.class) {
                key = cached;
                if (key == null) {
                    key = loadOrCreate(RunDirectory.get().dir().resolve("authkey"));
                    cached = key;
                }
            }
        }
        return key.clone();
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path temp = Files.createTempFile(file.getParent(), "authkey", ".tmp");
                try {
                    Files.write(temp, key);
                    Files.createLink(file, temp); // atomic, and never replaces another process's key
                    return key;
                } catch (FileAlreadyExistsException e) {
                    // another process of the run made it first: use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the run's authentication key " + file, e);
        }
    }
}
