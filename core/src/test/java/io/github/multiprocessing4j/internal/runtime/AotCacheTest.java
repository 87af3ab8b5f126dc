package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.testing.programs.AotCacheProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache of child JVMs: which class paths get one and under which key, the store's
 * checks and locks, and, end to end with one training (a few seconds), that a cache is created,
 * then used, that the switch turns it off and that a damaged cache is deleted instead of used.
 */
class AotCacheTest {

    private static final List<String> FIXED = JvmLauncher.fixedOptions();

    @TempDir
    Path tmp;

    @Test
    void optionsOfTheirOwnTurnTheCacheOff() {
        for (String option : List.of("-XX:AOTCache=x.aot", "-Xshare:off", "-XX:SharedArchiveFile=a.jsa", "-javaagent:a.jar",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders", "--enable-native-access=M")) {
            assertTrue(AotCache.conflicts(List.of("-Xmx64m", option)), option);
        }
        assertFalse(AotCache.conflicts(List.of("-Xmx64m", "-Dkey=value", "-XX:+ExitOnOutOfMemoryError", "-Xss1m")));
    }

    @Test
    void theSwitchesArePassedOnToChildren() {
        String before = System.getProperty(AotCache.PROPERTY);
        try {
            System.setProperty(AotCache.PROPERTY, "false");
            AotCache.Plan plan = AotCache.plan(List.of("/x.jar"), List.of(), FIXED);
            assertEquals(List.of("-D" + AotCache.PROPERTY + "=false"), plan.options());
            assertFalse(plan.usesCache());
            assertEquals(List.of("/x.jar"), plan.classPath());
        } finally {
            if (before == null) {
                System.clearProperty(AotCache.PROPERTY);
            } else {
                System.setProperty(AotCache.PROPERTY, before);
            }
        }
    }

    @Test
    void aClassPathOfJarsIsCachedWholeAndARebuiltJarChangesTheKey() throws IOException {
        Path a = jar(tmp.resolve("a.jar"));
        Path b = jar(tmp.resolve("b.jar"));
        List<String> classPath = List.of(a.toString(), b.toString());
        AotLayout layout = AotLayout.of(classPath, FIXED).orElseThrow();
        assertEquals(classPath, layout.cachedClassPath());
        assertEquals(classPath, layout.childClassPath());
        assertEquals(32, layout.key().length());
        assertEquals(layout.key(), AotLayout.of(classPath, FIXED).orElseThrow().key());

        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() - 60_000));
        assertNotEquals(layout.key(), AotLayout.of(classPath, FIXED).orElseThrow().key());
        assertNotEquals(layout.key(), AotLayout.of(List.of(b.toString(), a.toString()), FIXED).orElseThrow().key());
    }

    @Test
    void directoriesNeedTheLibraryInAJar() throws IOException {
        // Here the library's classes come from target/classes: a directory, so nothing to cache.
        assertTrue(ClassPath.libraryLocation().filter(l -> l.endsWith(".jar")).isEmpty());
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        assertTrue(AotLayout.of(List.of(classes.toString(), jar(tmp.resolve("a.jar")).toString()), FIXED).isEmpty());
    }

    @Test
    void theStoreDeletesWhatIsNotAnIntactCacheAndLocksTraining() throws IOException {
        AotCacheStore store = AotCacheStore.open(tmp.resolve("store")).orElseThrow();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir())));
        String key = "0123456789abcdef0123456789abcdef";
        Path garbage = Files.writeString(store.dir().resolve(key + ".00000000.aot"), "not a cache");
        assertTrue(store.find(key).isEmpty());
        assertFalse(Files.exists(garbage));
        assertThrows(IOException.class, () -> store.install(Files.writeString(tmp.resolve("x.tmp"), "x"), key));

        assertTrue(store.tryLock(key));
        assertFalse(store.tryLock(key), "a second training of the same key");
        store.unlock(key);
        assertTrue(store.tryLock(key));
        store.markFailed(key);
        store.unlock(key);
        assertFalse(store.tryLock(key), "a training that failed is not retried at once");
    }

    /**
     * End to end, from a jar of the library placed after a directory (the IDE case): the first
     * program trains the cache and its child uses it; a child of a program with the switch off
     * does not; a damaged cache is detected, deleted and not used.
     */
    @Test
    void aCacheIsCreatedThenUsedAndNeverBreaksALaunch() throws Exception {
        Path library = jarOf(Path.of(JvmLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()), tmp.resolve("lib.jar"));
        Path testClasses = Path.of(AotCacheProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path cacheDir = tmp.resolve("cache");
        String classPath = testClasses + java.io.File.pathSeparator + library;

        Run trained = run(List.of("-D" + AotCache.DIR_PROPERTY + "=" + cacheDir, "-D" + AotCache.PROPERTY + "=true", "-cp", classPath), "prepare");
        assertEquals(List.of("prepared true", "child ran", "exit 0"), trained.stdout());
        assertEquals(List.of(), trained.stderr(), "nothing from the JVM's AOT machinery on the user's stderr");
        assertTrue(trained.fromCache(), "the child loads WorkerMain from the cache");
        List<Path> files = list(cacheDir);
        assertEquals(1, files.size(), "one cache and nothing else: " + files);
        assertTrue(files.getFirst().getFileName().toString().endsWith(".aot"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir)));

        Run off = run(List.of("-D" + AotCache.DIR_PROPERTY + "=" + cacheDir, "-D" + AotCache.PROPERTY + "=false", "-cp", classPath), "run");
        assertEquals(List.of("child ran", "exit 0"), off.stdout());
        assertFalse(off.fromCache(), "switched off");

        // A damaged cache (here a block overwritten) would crash the child JVM: it must be found
        // out, deleted and not used. A fresh failure marker holds off a new training.
        Path cache = files.getFirst();
        String key = cache.getFileName().toString().split("\\.")[0];
        try (var channel = java.nio.channels.FileChannel.open(cache, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[4096]), Files.size(cache) / 2);
        }
        Files.writeString(cacheDir.resolve(key + ".failed"), "held off by the test");
        Run damaged = run(List.of("-D" + AotCache.DIR_PROPERTY + "=" + cacheDir, "-D" + AotCache.PROPERTY + "=true", "-cp", classPath), "run");
        assertEquals(List.of("child ran", "exit 0"), damaged.stdout());
        assertEquals(List.of(), damaged.stderr());
        assertFalse(damaged.fromCache());
        assertFalse(Files.exists(cache), "the damaged cache is deleted");
    }

    private record Run(List<String> stdout, List<String> stderr, String classLoading) {
        boolean fromCache() {
            return classLoading.contains("io.github.multiprocessing4j.internal.worker.WorkerMain source: shared objects file");
        }
    }

    private Run run(List<String> options, String mode) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Path classLoading = tmp.resolve("class-load-" + mode + "-" + System.nanoTime() + ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(options);
        command.addAll(List.of(AotCacheProgram.class.getName(), mode, classLoading.toString()));
        java.lang.Process program = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!program.waitFor(3, TimeUnit.MINUTES)) {
            program.descendants().forEach(ProcessHandle::destroyForcibly);
            program.destroyForcibly();
            throw new AssertionError("the program did not end within 3 minutes");
        }
        return new Run(Files.readAllLines(out), Files.readAllLines(err),
                Files.exists(classLoading) ? Files.readString(classLoading) : "");
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path jar(Path file) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write("a".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** A jar of the library's classes, as a build would make. */
    private static Path jarOf(Path classes, Path file) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file)); Stream<Path> all = Files.walk(classes)) {
            for (Path path : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
            }
        }
        return file;
    }
}
