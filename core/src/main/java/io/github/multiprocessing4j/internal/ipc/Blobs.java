package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.shm.Liveness;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Items too long for a ring's records: each in a file of its own,
 * {@code /dev/shm/mp4j-<run id>-blob-<pid>-<random>.<n>} (mode 0600), written by the producer with plain
 * file I/O and deleted by the consumer that reads it. Plain I/O rather than a mapping, because a
 * mapping would hold the memory until the JVM exits, and these files are many and short-lived.
 * Streams rather than channels, because a file channel closes when its thread is interrupted,
 * and an interrupt must not lose an item already taken from the ring.
 * A blob whose consumer died before reading it is deleted with the run.
 */
final class Blobs {

    private static final AtomicLong COUNTER = new AtomicLong();
    /** Tells this JVM's blobs from those of an earlier process of the run that had the same pid. */
    private static final String JVM = Long.toString(new java.security.SecureRandom().nextLong() >>> 24, 36);

    private Blobs() {
    }

    /** Writes {@code bytes} to a new blob file and returns its path. */
    static String write(byte[] bytes) {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : RunDirectory.get().dir();
        Path file = dir.resolve("mp4j-" + RunDirectory.get().runId() + "-blob-" + Liveness.myPid() + "-" + JVM + "." + COUNTER.incrementAndGet());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                out.write(bytes);
            }
        } catch (IOException e) {
            delete(file.toString());
            throw new UncheckedIOException("cannot write an item of " + bytes.length + " bytes to " + file
                    + " (is /dev/shm full?)", e);
        }
        return file.toString();
    }

    /** Reads the blob of {@code length} bytes at {@code path} and deletes it. */
    static byte[] take(String path, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            delete(path);
            throw new IllegalStateException("an item of " + length + " bytes cannot be received into a Java array");
        }
        byte[] bytes = new byte[(int) length];
        try (FileInputStream in = new FileInputStream(path)) {
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n < bytes.length) {
                throw new IOException("the file ended after " + n + " of " + length + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the item in " + path, e);
        } finally {
            delete(path);
        }
        return bytes;
    }

    static void delete(String path) {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException ignored) {
            // the run's cleanup removes it
        }
    }
}
