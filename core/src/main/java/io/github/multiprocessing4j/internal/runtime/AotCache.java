package io.github.multiprocessing4j.internal.runtime;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The JDK's AOT cache (JEPs 483, 514) for child JVMs, created automatically per class path: the
 * classes a child loads, already parsed and linked, and the JDK's lambda forms, so that a child
 * starts faster (spawn start+join ~100 ms to ~70 ms here). It holds no method profiles (JEP 515):
 * see {@code AotTraining}.
 *
 * <h2>How</h2>
 * The first launch for a class path that has no cache yet starts, in the background, a training
 * JVM ({@code io.github.multiprocessing4j.internal.worker.AotTraining}) which records one pool worker through the
 * paths every child takes (connecting, decoding its work, deserializing lambdas and processes,
 * running map and apply tasks) and assembles the cache; launches after that use it. Until then,
 * and whenever anything about the cache is wrong, children start without one, as before.
 *
 * <h2>Which class path, which key</h2>
 * See {@link AotLayout}. A file that is not an intact cache of this JVM is deleted and trained
 * anew; one the JVM refuses for a reason of its own costs the child its class sharing, never its
 * launch: {@code -Xlog:aot*=off,cds*=off} keeps the JVM's complaints out of the child's output.
 *
 * <h2>Logging</h2>
 * Through {@code System.Logger} "io.github.multiprocessing4j", at DEBUG only (a default logging
 * set-up prints INFO on stderr, and nothing here is the application's business): which cache the
 * children use, when a training starts, why there is no cache. A failed training leaves its
 * output in the store ({@code K.failed}).
 *
 * <h2>Switches</h2>
 * System property {@value #PROPERTY}{@code =false} turns it off; {@value #DIR_PROPERTY} moves the
 * cache directory (see {@link AotCacheStore}). Both are passed on to the children, so that they
 * hold for the JVMs their processes launch too. A child given its own class-sharing, agent or module
 * options ({@code -XX:AOTCache}, {@code -Xshare}, {@code -javaagent}, {@code --add-opens} …)
 * starts without the cache, since the JVM would refuse it or not use it.
 */
public final class AotCache {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    /** {@code false} turns the cache off (default {@code true}). */
    public static final String PROPERTY = "mp4j.aotCache";
    /** The cache directory, instead of the per-user default. */
    public static final String DIR_PROPERTY = "mp4j.aotCache.dir";
    /**
     * The training program's main class, {@code internal.worker.AotTraining}, by name: the worker
     * package is a layer above this one (a class literal would make the two depend on each other);
     * a test checks that the name is the class's.
     */
    public static final String TRAINER = "io.github.multiprocessing4j.internal.worker.AotTraining";
    /** Options added to a child that uses a cache: the cache, and silence if the JVM refuses it. */
    static final String QUIET = "-Xlog:aot*=off,cds*=off";
    /** Prefixes of child options with which the cache is not used. */
    private static final List<String> CONFLICTING = List.of("-XX:AOT", "-XX:SharedArchiveFile", "-Xshare",
            "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit", "-XX:SharedClassListFile", "-javaagent",
            "-agentlib", "-agentpath", "-Xbootclasspath", "--add-", "--patch-module", "--limit-modules",
            "--upgrade-module-path", "--module-path", "--enable-native-access", "-Djdk.module.",
            "-XX:+UseCompactObjectHeaders", "-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers");

    /** What a launch uses: options to add before the caller's, and the class path. */
    public record Plan(List<String> options, List<String> classPath) {
        /** @return whether the child uses a cache */
        public boolean usesCache() {
            return options.stream().anyMatch(option -> option.startsWith("-XX:AOTCache="));
        }
    }

    /** Per class path, its cache (null: none possible) and whether a training was asked for. */
    private static final class State {
        final AotLayout layout;
        boolean trainingRequested;
        /** Completes when this JVM's training (if it started one) has ended. */
        final CompletableFuture<Void> trained = new CompletableFuture<>();
        /** The checked cache file, or null. */
        Path cache;

        State(AotLayout layout) {
            this.layout = layout;
        }
    }

    private static final Map<List<String>, State> ENTRIES = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, State> eldest) {
            return size() > 8;
        }
    };
    private static volatile Optional<AotCacheStore> store;

    private AotCache() {
    }

    /**
     * @param classPath   the child's class path entries (as {@link ClassPath#entries()})
     * @param jvmOptions  the caller's options for the child
     * @param fixed       the library's fixed options for every child
     * @return the cache options and the class path for this launch
     */
    static Plan plan(List<String> classPath, List<String> jvmOptions, List<String> fixed) {
        List<String> passed = passedOn();
        Plan without = new Plan(passed, classPath);
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || conflicts(jvmOptions)) {
            return without;
        }
        State entry;
        synchronized (ENTRIES) {
            entry = ENTRIES.computeIfAbsent(classPath, cp -> new State(AotLayout.of(cp, fixed).orElse(null)));
        }
        if (entry.layout == null) {
            return without;
        }
        Optional<AotCacheStore> files = store();
        if (files.isEmpty()) {
            return without;
        }
        String key = entry.layout.key();
        Path cache;
        synchronized (entry) {
            // Looked for (and checked) once; then only whether the file is still there: a cache is
            // replaced by the rename of a new, complete one.
            if (entry.cache == null || !Files.isRegularFile(entry.cache)) {
                entry.cache = files.get().find(key).orElse(null);
                if (entry.cache == null) {
                    if (!entry.trainingRequested) {
                        entry.trainingRequested = true;
                        Threads.daemon("mp4j-aot-train", () -> train(files.get(), entry, fixed));
                    }
                    return without;
                }
                files.get().touch(entry.cache);
                LOG.log(Level.DEBUG, "child JVMs use the AOT cache {0}", entry.cache);
            }
            cache = entry.cache;
        }
        List<String> options = new ArrayList<>(passed);
        options.addAll(List.of("-XX:AOTCache=" + cache, QUIET));
        return new Plan(List.copyOf(options), entry.layout.childClassPath());
    }

    /** The switches as set in this JVM, for its children: what a root decides holds for its whole tree. */
    private static List<String> passedOn() {
        List<String> options = new ArrayList<>(2);
        for (String property : List.of(PROPERTY, DIR_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options;
    }

    /**
     * Starts the training JVM for a layout unless another one trains it (see
     * {@link AotCacheStore#tryLock}). It runs detached: it finishes even if this JVM exits first,
     * and it bounds its own time.
     */
    private static void train(AotCacheStore store, State entry, List<String> fixed) {
        AotLayout layout = entry.layout;
        String key = layout.key();
        if (!store.tryLock(key)) {
            return; // another JVM trains it
        }
        if (store.find(key).isPresent()) {
            store.unlock(key); // another JVM has just installed it
            entry.trained.complete(null);
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(fixed);
        command.add("-D" + PROPERTY + "=false"); // its own children record; they must not use a cache
        command.add("-D" + DIR_PROPERTY + "=" + store.dir());
        command.addAll(List.of("-cp", join(layout.cachedClassPath()), TRAINER, key));
        try {
            java.lang.Process trainer = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(store.log(key).toFile())
                    .start();
            trainer.onExit().thenRun(() -> entry.trained.complete(null));
            LOG.log(Level.DEBUG, "training an AOT cache for child JVMs in {0} (pid {1}, key {2}, class path {3})",
                    store.dir(), trainer.pid(), key, layout.cachedClassPath());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "could not start the AOT cache training: {0}", e.toString());
            store.markFailed(key);
            store.unlock(key);
            entry.trained.complete(null);
        }
    }

    /**
     * Makes sure child JVMs launched from now on use a cache for this JVM's class path: trains
     * it now if there is none (in the background, as a launch would) and waits for it. For
     * benchmarks and tests, which should not measure the first launches without a cache, nor a
     * training competing for the CPU.
     *
     * @param timeout how long to wait for a training
     * @return whether child JVMs now use a cache (false: switched off, impossible for this class
     *         path, or the training failed or did not end in time)
     * @throws InterruptedException when interrupted while waiting
     */
    public static boolean prepare(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> classPath = ClassPath.entries();
        List<String> fixed = JvmLauncher.fixedOptions();
        while (true) {
            if (plan(classPath, List.of(), fixed).usesCache()) {
                return true;
            }
            State entry;
            synchronized (ENTRIES) {
                entry = ENTRIES.get(classPath);
            }
            if (entry == null || entry.layout == null || store().isEmpty() || System.nanoTime() > deadline) {
                return false;
            }
            if (entry.trained.isDone()) {
                return plan(classPath, List.of(), fixed).usesCache();
            }
            Thread.sleep(50);
        }
    }

    static boolean conflicts(List<String> jvmOptions) {
        for (String option : jvmOptions) {
            for (String prefix : CONFLICTING) {
                if (option.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<AotCacheStore> store() {
        Optional<AotCacheStore> s = store;
        if (s == null) {
            synchronized (AotCache.class) {
                s = store;
                if (s == null) {
                    String dir = System.getProperty(DIR_PROPERTY);
                    s = AotCacheStore.open(dir != null && !dir.isEmpty() ? Path.of(dir) : AotCacheStore.defaultDir());
                    store = s;
                }
            }
        }
        return s;
    }

    /** @return the {@code -cp} value for a class path */
    static String join(List<String> classPath) {
        return String.join(File.pathSeparator, classPath);
    }
}
