package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The parent's class path, travelling through the cluster so that agents need nothing but the
 * library (Ray's {@code working_dir}, done for the JVM). Each entry is a jar, named by the
 * SHA-256 of its bytes: a jar as it is, a directory packed into a jar (entries sorted, times
 * zero, so the same classes give the same hash). The parent puts each jar the cluster does not
 * hold yet into the {@code IMap} {@value #MAP}; an agent keeps the jars it was sent in its cache
 * directory, checks each one's hash before use (the map is writable by anyone who reaches the
 * cluster; the hash list itself comes signed), and launches its child JVMs on them.
 */
public final class ClassPathShipment {

    /** The map of jars by hash. */
    public static final String MAP = "mp4j.classpath";

    private ClassPathShipment() {
    }

    /**
     * Puts the class path's jars into the cluster (those not there yet).
     *
     * @param hazelcast the cluster
     * @param entries   the class path (jars and directories; missing entries are skipped)
     * @return the hashes in class-path order, each {@code <sha256>.jar}
     */
    public static List<String> ship(HazelcastInstance hazelcast, List<String> entries) {
        IMap<String, byte[]> jars = hazelcast.getMap(MAP);
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            byte[] bytes;
            try {
                if (Files.isDirectory(path)) {
                    bytes = pack(path);
                } else if (Files.isRegularFile(path)) {
                    bytes = Files.readAllBytes(path);
                } else {
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class-path entry " + entry + " to send it to the cluster", e);
            }
            String name = sha256(bytes) + ".jar";
            if (!jars.containsKey(name)) {
                jars.set(name, bytes);
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Makes the jars present in {@code cache}, fetching those missing from the cluster.
     *
     * @param hazelcast the cluster
     * @param names     the jars, as {@link #ship} named them
     * @param cache     the agent's cache directory
     * @return their paths, in order
     * @throws IllegalStateException when a jar is not in the cluster or its bytes do not match its name
     */
    public static List<String> materialize(HazelcastInstance hazelcast, List<String> names, Path cache) {
        IMap<String, byte[]> jars = hazelcast.getMap(MAP);
        List<String> paths = new ArrayList<>();
        try {
            Files.createDirectories(cache);
            for (String name : names) {
                if (!name.matches("[0-9a-f]{64}\\.jar")) {
                    throw new IllegalStateException("not a class-path jar's name: " + name);
                }
                Path jar = cache.resolve(name);
                if (!Files.exists(jar)) {
                    byte[] bytes = jars.get(name);
                    if (bytes == null) {
                        throw new IllegalStateException("class-path jar " + name + " is not in the cluster");
                    }
                    if (!(sha256(bytes) + ".jar").equals(name)) {
                        throw new IllegalStateException("class-path jar " + name + " in the cluster does not match its hash: refused");
                    }
                    Path temp = Files.createTempFile(cache, "incoming", ".tmp");
                    Files.write(temp, bytes);
                    Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                paths.add(jar.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store class-path jars in " + cache, e);
        }
        return paths;
    }

    /** A directory as a jar: entries sorted by path, every time zero. */
    static byte[] pack(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(dir.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                entry.setTime(0);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
