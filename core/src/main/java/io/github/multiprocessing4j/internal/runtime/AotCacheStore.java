package io.github.multiprocessing4j.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The directory of the AOT caches of child JVMs (see {@link AotCache}): one per user, mode 0700,
 * by default {@code $XDG_CACHE_HOME/multiprocessing4j/aot} ({@code ~/.cache/multiprocessing4j/aot}
 * when that variable is unset; {@code ~/Library/Caches/multiprocessing4j/aot} on macOS), or the
 * directory the system property {@value AotCache#DIR_PROPERTY} names.
 *
 * <p>Its files, for a cache key {@code K}:
 * <pre>
 *   K.C.aot               a complete cache whose CRC-32 is C (hex): written under another name,
 *                         then renamed (atomic)
 *   K.lock                a training for K is under way (created atomically; stale after 10 min)
 *   K.log                 the output of the training under way
 *   K.failed              the output of a failed training: no new training for K for a day
 *   K.&lt;pid&gt;.conf, .tmp   a training's work files, deleted when it ends
 * </pre>
 * Two roots that train the same key at once cannot corrupt a cache: each writes its own work
 * files and renames a complete cache into place. A JVM that has mapped a cache keeps it even if
 * the file is replaced or deleted. The JVM does not check a cache's contents (a damaged one makes
 * it crash), so {@link #find} does, once per parent JVM: the CRC-32 in the name (~10 ms for a
 * cache of 18 MB). The {@value #KEEP} most recently used caches are
 * kept; older ones are deleted when a new one is installed.
 */
public final class AotCacheStore {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    static final int KEEP = 8;
    static final Duration STALE_LOCK = Duration.ofMinutes(10);
    static final Duration RETRY_FAILED = Duration.ofDays(1);
    /** The first four bytes of a HotSpot CDS / AOT cache file (little-endian 0xf00baba2). */
    private static final int MAGIC = 0xf00baba2;
    private static final int HEADER_BYTES = 4096;

    private final Path dir;

    private AotCacheStore(Path dir) {
        this.dir = dir;
    }

    /** @return the store in {@code dir}, created with mode 0700 (and set to 0700) if possible */
    public static Optional<AotCacheStore> open(Path dir) {
        try {
            Files.createDirectories(dir);
            // Only the owner can set the mode: this also proves the directory is ours. A cache is
            // code the child JVMs map; nobody else may write it.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return Optional.of(new AotCacheStore(dir));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.log(Level.DEBUG, "no AOT cache for child JVMs: cannot use {0} ({1})", dir, e.toString());
            return Optional.empty();
        }
    }

    /** @return the default directory (see the class comment) */
    static Path defaultDir() {
        String home = System.getProperty("user.home");
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            return Path.of(home, "Library", "Caches", "multiprocessing4j", "aot");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("multiprocessing4j").resolve("aot");
    }

    public Path dir() {
        return dir;
    }

    /**
     * @return the cache for {@code key}, checked (header and CRC-32), or empty when there is none;
     *         a damaged or foreign file is deleted
     */
    Optional<Path> find(String key) {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, key + ".*.aot")) {
            files.forEach(candidates::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        candidates.sort(Comparator.comparing(AotCacheStore::modified).reversed());
        for (Path candidate : candidates) {
            if (isCacheFile(candidate, System.getProperty("java.vm.version")) && crcMatchesName(candidate)) {
                return Optional.of(candidate);
            }
            LOG.log(Level.DEBUG, "deleting {0}: not an intact AOT cache of this JVM", candidate);
            deleteQuietly(candidate);
        }
        return Optional.empty();
    }

    Path lock(String key) {
        return dir.resolve(key + ".lock");
    }

    public Path log(String key) {
        return dir.resolve(key + ".log");
    }

    Path failed(String key) {
        return dir.resolve(key + ".failed");
    }

    /** @return a work file of this JVM's training for {@code key}, with the given suffix */
    public Path work(String key, String suffix) {
        return dir.resolve(key + "." + ProcessHandle.current().pid() + suffix);
    }

    /**
     * Takes the right to train {@code key}: false while another training holds it (a lock younger
     * than {@link #STALE_LOCK}) or a training failed less than {@link #RETRY_FAILED} ago.
     */
    boolean tryLock(String key) {
        try {
            if (Files.exists(failed(key)) && !olderThan(failed(key), RETRY_FAILED)) {
                return false;
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Files.createFile(lock(key), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    return true;
                } catch (FileAlreadyExistsException e) {
                    if (!olderThan(lock(key), STALE_LOCK)) {
                        return false;
                    }
                    Files.deleteIfExists(lock(key)); // its training died; one more attempt
                }
            }
            return false;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot lock the AOT cache {0}: {1}", key, e);
            return false;
        }
    }

    public void unlock(String key) {
        deleteQuietly(lock(key));
    }

    /** Records a failed training: its log becomes {@code K.failed}, which holds off retries. */
    public void markFailed(String key) {
        try {
            if (Files.exists(log(key))) {
                Files.move(log(key), failed(key), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(failed(key), "the training ended without a log\n");
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot record the failed training of {0}: {1}", key, e);
        }
    }

    /**
     * Moves a cache assembled at {@code assembled} into place as {@code key}'s cache (atomically),
     * then deletes the key's older caches, the least recently used caches beyond {@link #KEEP} and
     * stale work files.
     *
     * @return the installed cache
     * @throws IOException when the assembled file is not a cache of this JVM, or cannot be moved
     */
    public Path install(Path assembled, String key) throws IOException {
        if (!isCacheFile(assembled, System.getProperty("java.vm.version"))) {
            throw new IOException("the assembled file " + assembled + " is not an AOT cache of this JVM");
        }
        Path cache = dir.resolve(key + "." + HexFormat.of().toHexDigits((int) crc(assembled)) + ".aot");
        try {
            Files.move(assembled, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename within " + dir, e);
        }
        try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, key + ".*.aot")) {
            for (Path file : older) {
                if (!file.equals(cache)) {
                    deleteQuietly(file);
                }
            }
        }
        deleteQuietly(log(key));
        deleteQuietly(failed(key));
        evict();
        return cache;
    }

    /** Marks a cache as used now, for {@link #evict}'s least-recently-used order. */
    void touch(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only the eviction order suffers
        }
    }

    private void evict() {
        List<Path> caches = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".aot")) {
                    caches.add(file);
                } else if ((name.endsWith(".tmp") || name.endsWith(".conf") || name.endsWith(".failed"))
                        && olderThan(file, RETRY_FAILED)) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            return;
        }
        caches.sort(Comparator.comparing(AotCacheStore::modified).reversed());
        for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
            deleteQuietly(old);
        }
    }

    /**
     * A cheap check that {@code file} is a HotSpot AOT cache made by the JVM {@code vmVersion}
     * ({@code java.vm.version}): the magic number and the JVM's identification in the header. It
     * catches a truncated, foreign or overwritten file; the JVM checks the rest itself (and, when it
     * refuses the cache, runs without one).
     */
    static boolean isCacheFile(Path file, String vmVersion) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(HEADER_BYTES);
            if (header.length < 64 || ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(0) != MAGIC) {
                return false;
            }
            return new String(header, StandardCharsets.ISO_8859_1).contains("(" + vmVersion + ")");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean crcMatchesName(Path cache) {
        String name = cache.getFileName().toString();
        String[] parts = name.split("\\.");
        try {
            return parts.length == 3 && HexFormat.fromHexDigits(parts[1]) == (int) crc(cache);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static boolean olderThan(Path file, Duration age) {
        return modified(file).toInstant().isBefore(Instant.now().minus(age));
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next eviction
        }
    }
}
