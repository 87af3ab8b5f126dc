package io.github.multiprocessing4j.internal.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How a class path is cached by {@link AotCache}: the class path a child gets, the part of it the
 * cache holds, and the cache's key.
 *
 * <p>The JDK caches classes from jar files only, and the class path a cache was created with must
 * begin the class path it is used with. So the cached class path is:
 * <ul>
 *   <li>the whole class path when it is all jars (an application deployed as jars, a fat jar);</li>
 *   <li>otherwise (classes in directories: an IDE, {@code mvn exec:java}, tests), this library's
 *       own jar alone, which the child then gets at the front of its class path. That keeps every
 *       class where the parent finds it: the parent loads this library from that jar, so no entry
 *       before it holds the library's classes;</li>
 *   <li>nothing when this library itself is not in a jar: no cache.</li>
 * </ul>
 *
 * <p>A cache is named by a hash of the JVM ({@code java.home}, {@code java.vm.version}), the
 * library's fixed child options and each cached class path entry with its size and modification
 * time: a rebuilt jar or an updated JDK gets a new cache. (The JDK's own check is not enough: JDK
 * 25.0.3 and older do not notice a changed jar, JDK-8377932, and would run stale classes.)
 *
 * @param childClassPath  the class path of a child that uses the cache
 * @param cachedClassPath the class path the cache is created with (a prefix of the child's)
 * @param key             the cache's key: 32 hex digits
 */
record AotLayout(List<String> childClassPath, List<String> cachedClassPath, String key) {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    /** @return how {@code classPath} is cached (see the class comment), or empty when it cannot be */
    static Optional<AotLayout> of(List<String> classPath, List<String> fixed) {
        List<String> child = new ArrayList<>(classPath);
        List<String> cached;
        if (classPath.stream().allMatch(AotLayout::isJar)) {
            cached = List.copyOf(classPath);
        } else {
            Optional<String> library = ClassPath.libraryLocation().filter(AotLayout::isJar);
            if (library.isEmpty()) {
                LOG.log(Level.DEBUG, "no AOT cache for child JVMs: multiprocessing4j is not loaded from a jar");
                return Optional.empty();
            }
            child.remove(library.get());
            child.addFirst(library.get());
            cached = List.of(library.get());
        }
        StringBuilder description = new StringBuilder("multiprocessing4j AOT cache 1\n")
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n')
                .append(String.join(" ", fixed.stream().filter(o -> !o.startsWith("-D")).toList())).append('\n');
        for (String jar : cached) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(Path.of(jar), BasicFileAttributes.class);
                description.append(jar).append(' ').append(attributes.size()).append(' ')
                        .append(attributes.lastModifiedTime().toMillis()).append('\n');
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new AotLayout(List.copyOf(child), cached, hash(description.toString())));
    }

    private static boolean isJar(String entry) {
        return entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry));
    }

    /**
     * A 128-bit name for a key's description: two 64-bit FNV-1a hashes with different seeds. Not
     * a cryptographic digest (the directory is private; this only has to tell class paths apart),
     * and so no security provider to load in the parent on its first launch.
     */
    static String hash(String description) {
        byte[] bytes = description.getBytes(StandardCharsets.UTF_8);
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (byte x : bytes) {
            a = (a ^ (x & 0xff)) * 0x100000001b3L;
            b = (b ^ (x & 0xff)) * 0x100000001b3L;
            b ^= b >>> 29;
        }
        return HexFormat.of().toHexDigits(a) + HexFormat.of().toHexDigits(b);
    }
}
