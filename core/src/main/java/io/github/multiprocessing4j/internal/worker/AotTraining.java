package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.Value;

import io.github.multiprocessing4j.internal.runtime.AotCache;
import io.github.multiprocessing4j.internal.runtime.AotCacheStore;
import io.github.multiprocessing4j.internal.runtime.ClassPath;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.JdkSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The training run behind {@link AotCache}: a JVM a root starts in the background, with the class
 * path to cache, its output going to the store's log. It runs one pool worker JVM in the JDK's AOT
 * recording mode through what child JVMs do (connecting, decoding work, deserializing processes and
 * lambdas in both forms, shared values, locks and queues, map, starmap, imap and apply tasks), then
 * assembles the cache from the recording and installs it. It gives up after
 * {@link #DEADLINE}; whatever happens, it removes its work files and the training lock.
 *
 * <p>Arguments: the cache key. System property {@value AotCache#DIR_PROPERTY}: the store.
 */
final class AotTraining {

    /**
     * An explicit context, not the module-level functions: those fix the default start method
     * (Python's rule), which a JVM's warm-up or training must leave unset for its process.
     */
    private static final Context SPAWN = Multiprocessing.getContext("spawn");

    static final Duration DEADLINE = Duration.ofMinutes(3);

    private AotTraining() {
    }

    static void main(String[] args) {
        String key = args[0];
        AotCacheStore store = AotCacheStore.open(Path.of(System.getProperty(AotCache.DIR_PROPERTY))).orElseThrow();
        Threads.daemon("mp4j-aot-deadline", () -> {
            try {
                Thread.sleep(DEADLINE.toMillis());
            } catch (InterruptedException ignored) {
                // halt now
            }
            System.out.println("the training took longer than " + DEADLINE + ": given up");
            store.markFailed(key);
            store.unlock(key);
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly); // the worker, the assembler
            Runtime.getRuntime().halt(1);
        });
        Path recording = store.work(key, ".conf");
        Path assembled = store.work(key, ".tmp");
        boolean done = false;
        try {
            record(recording);
            assemble(recording, assembled);
            Path cache = store.install(assembled, key);
            done = true;
            System.out.println("installed " + cache);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            AotCacheStore.deleteQuietly(recording);
            AotCacheStore.deleteQuietly(assembled);
            if (!done) {
                store.markFailed(key);
            }
            store.unlock(key);
        }
        System.exit(done ? 0 : 1);
    }

    /**
     * Runs the recorded pool worker; its JVM writes the recording when it exits. Without method
     * profiles (JEP 515): replayed, they made every short-lived child compile more as it started
     * (10-15 ms of CPU per spawned process here), and pool workers did not measurably warm up
     * faster with them.
     */
    private static void record(Path recording) throws IOException {
        List<String> options = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining",
                "-XX:AOTMode=record", "-XX:AOTConfiguration=" + recording, "-Xlog:aot*=off,cds*=off");
        Value value = SPAWN.value('l', 0);
        Lock lock = SPAWN.lock();
        Queue<Object> queue = SPAWN.queue();
        try (Pool pool = new Pool(PoolOptions.processes(1).initializer(AotTraining::handOver).jvmOptions(options))) {
            List<Integer> ints = IntStream.range(0, 20_000).boxed().toList();
            for (int round = 0; round < 2; round++) {
                check(pool.map(x -> x * 2, ints).get(19_999) == 39_998, "map");
                List<AsyncResult<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    results.add(pool.applyAsync(() -> n + 1));
                }
                check(results.get(299).get() == 300, "applyAsync");
            }
            check(pool.starmap((String s, Integer n) -> s.repeat(n), List.of(Map.entry("ab", 2))).equals(List.of("abab")), "starmap");
            check(pool.imap(x -> List.of(x, String.valueOf(x)), ints.subList(0, 100), 10).next().size() == 2, "imap");
            check(pool.apply(() -> {
                for (int i = 0; i < 1000; i++) {
                    lock.acquire();
                    try {
                        value.incrementAndGet();
                    } finally {
                        lock.release();
                    }
                    queue.put(new int[] {i});
                }
                return value.getLong();
            }) == 1000, "shared objects");
            for (int i = 0; i < 1000; i++) {
                queue.get(Duration.ofSeconds(30));
            }
        } finally {
            queue.close();
        }
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            throw new IOException("the recorded pool worker left no recording at " + recording);
        }
    }

    /** The pool's initializer: what a process's child does with its target, once each way. */
    private static void handOver() {
        int captured = 1;
        Process process = new Process("aot-training", () -> Integer.toString(captured));
        Object restored = CompactSerializer.INSTANCE.deserialize(CompactSerializer.INSTANCE.serialize(process, "training"));
        try {
            ((Process) restored).run();
            Object notCompact = new StringBuilder("jdk");
            SerializableRunnable viaJdk = () -> notCompact.toString();
            ((SerializableRunnable) JdkSerializer.INSTANCE.deserialize(JdkSerializer.INSTANCE.serialize(viaJdk, "training"))).run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Assembles the cache from the recording, as the recorded JVM ran (same options, same class path). */
    private static void assemble(Path recording, Path assembled) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmLauncher.fixedOptions());
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recording, "-XX:AOTCache=" + assembled));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, ClassPath.entries())));
        java.lang.Process create = new ProcessBuilder(command).inheritIO().start();
        if (!create.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            create.destroyForcibly();
            throw new IOException("assembling the AOT cache did not finish");
        }
        if (create.exitValue() != 0) {
            throw new IOException("assembling the AOT cache failed with exit code " + create.exitValue() + ": " + command);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the training's " + what + " gave a wrong result");
        }
    }
}
