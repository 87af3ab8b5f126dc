package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers that die, time out, retire or fail to start (reference cases 81–83; section 3 items
 * 1, 2, 7, 19): only their tasks fail, promptly, and the pool goes on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolWorkerDeathTest {

    static long pid() {
        return ProcessHandle.current().pid();
    }

    @Test
    void sigkillMidTaskFailsOnlyItsTasksPromptlyAndThePoolGoesOn() throws Exception {
        try (Pool pool = new Pool(2)) {
            // both workers up
            Set<Long> pids = new HashSet<>(pool.map((Integer x) -> { Thread.sleep(100); return pid(); }, List.of(1, 2, 3, 4), 1));
            assertEquals(2, pids.size());
            long victim = pids.iterator().next();
            // one long task on each worker; the victim's is the one that fails
            List<AsyncResult<Long>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(pool.applyAsync(() -> { Thread.sleep(1500); return pid(); }));
            }
            Thread.sleep(500);
            long killedAt = System.nanoTime();
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            int died = 0;
            for (AsyncResult<Long> r : running) {
                try {
                    assertNotEquals(victim, r.get());
                } catch (WorkerDiedException e) {
                    died++;
                    assertEquals(victim, e.pid());
                    assertEquals(-9, e.exitCode());
                    assertTrue(e.getMessage().contains("signal 9"), e.getMessage());
                    assertTrue(System.nanoTime() - killedAt < 2_000_000_000L, "reported within 2 s");
                }
            }
            assertEquals(1, died);
            List<Integer> after = pool.map((Integer x) -> x * 2, IntStream.range(0, 100).boxed().toList());
            assertEquals(198, after.get(99));
            assertEquals(2, pool.workerPids().size());
            assertFalse(pool.workerPids().contains(victim));
        }
    }

    @Test
    void sigkillDuringAMapFailsTheMapAndNothingElse() throws Exception {
        try (Pool pool = new Pool(2)) {
            Set<Long> pids = new HashSet<>(pool.map((Integer x) -> { Thread.sleep(100); return pid(); }, List.of(1, 2, 3, 4), 1));
            assertEquals(2, pids.size(), "both workers up");
            List<Integer> items = IntStream.range(0, 8).boxed().toList();
            AsyncResult<List<Long>> mapped = pool.mapAsync((Integer x) -> { Thread.sleep(400); return pid(); }, items, 1, null, null);
            AsyncResult<Integer> other = pool.applyAsync(() -> 7);
            Thread.sleep(200);
            long victim = pool.workerPids().getFirst();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            WorkerDiedException e = assertThrows(WorkerDiedException.class, mapped::get);
            assertTrue(e.getMessage().contains("signal 9"), e.getMessage());
            assertEquals(7, other.get());
            assertEquals(List.of(0, 2, 4), pool.map((Integer x) -> x * 2, List.of(0, 1, 2)));
        }
    }

    @Test
    void systemExitAndOutOfMemoryFailOnlyTheirTask() {
        try (Capture io = new Capture()) {
            try (Pool pool = new Pool(PoolOptions.processes(1).jvmOptions(List.of("-Xmx64m")))) {
                WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
                    System.err.println("about to exit");
                    System.exit(7);
                    return 0;
                }));
                assertEquals(7, e.exitCode());
                assertTrue(e.stderrTail().contains("about to exit"), e.stderrTail());
                e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }));
                assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
                assertTrue(e.getMessage().contains("died while running apply task #2"), e.getMessage());
                assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
                assertEquals(3, pool.apply(() -> 3));
            }
            assertTrue(io.err().contains("about to exit"), io.err());
            assertTrue(io.out().contains("Terminating due to java.lang.OutOfMemoryError"), io.out()); // the JVM says it on stdout
        }
    }

    @Test
    void outOfHeapWithoutTheJvmFlagEndsTheWorkerAllTheSame() { // as a warm JVM taken for a pool
        try (Capture io = new Capture()) {
            try (Pool pool = new Pool(PoolOptions.processes(1).jvmOptions(List.of("-Xmx64m", "-XX:-ExitOnOutOfMemoryError")))) {
                WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }));
                assertEquals(3, e.exitCode());
                assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
                assertEquals(4, pool.apply(() -> 4));
            }
        }
    }

    @Test
    void aWarmContextPoolTakesIdleJvms() {
        try (Pool pool = Multiprocessing.getContext("warm").pool(2)) {
            assertEquals(List.of(0, 1, 4, 9), pool.map((Integer x) -> x * x, List.of(0, 1, 2, 3)));
            assertTrue(pool.apply(() -> Multiprocessing.currentProcess().getName()).startsWith("SpawnPoolWorker-"));
        } finally {
            io.github.multiprocessing4j.internal.runtime.WarmPool.get().shutdown(); // its spares
        }
    }

    @Test
    void taskTimeoutKillsAndReplacesTheWorker() {
        try (Pool pool = new Pool(PoolOptions.processes(1).taskTimeout(Duration.ofMillis(700)))) {
            long first = pool.apply(PoolWorkerDeathTest::pid);
            ResultTimeoutException e = assertThrows(ResultTimeoutException.class, () -> pool.apply(() -> {
                while (true) {
                    Thread.onSpinWait();
                }
            }));
            assertTrue(e.getMessage().contains("timeout"), e.getMessage());
            long second = pool.apply(PoolWorkerDeathTest::pid);
            assertNotEquals(first, second);
        }
    }

    @Test
    void maxTasksPerChildRecyclesWorkers() { // 81, A6
        try (Pool pool = new Pool(PoolOptions.processes(1).maxTasksPerChild(3))) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                pids.add(pool.apply(PoolWorkerDeathTest::pid));
            }
            assertEquals(pids.get(0), pids.get(2));
            assertNotEquals(pids.get(2), pids.get(3));
            assertEquals(pids.get(3), pids.get(5));
            assertNotEquals(pids.get(5), pids.get(6));
        }
        try (Pool pool = new Pool(PoolOptions.processes(3).maxTasksPerChild(10))) {
            List<Long> pids = pool.map((Integer x) -> pid(), IntStream.range(0, 100).boxed().toList(), 1);
            assertTrue(new HashSet<>(pids).size() >= 10, "pids " + new HashSet<>(pids));
        }
    }

    @Test
    void oneTaskPerChildThenCloseDoesNotHang() { // 81, second half
        Pool pool = new Pool(PoolOptions.processes(2).maxTasksPerChild(1));
        List<AsyncResult<Long>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.applyAsync(() -> { Thread.sleep(100); return pid(); }));
        }
        pool.close();
        pool.join();
        Set<Long> pids = new HashSet<>();
        for (AsyncResult<Long> r : results) {
            pids.add(r.get(Duration.ZERO));
        }
        assertEquals(4, pids.size(), "each task in a fresh worker");
        assertEquals(List.of(), pool.workerPids());
    }

    static int initialized;

    @Test
    void initializerRunsOncePerWorkerAndJvmOptionsApply() { // 82
        PoolOptions options = PoolOptions.processes(2).initializer(() -> initialized++)
                .jvmOptions(List.of("-Dmp4j.test.flag=on", "-Xmx128m"));
        try (Pool pool = new Pool(options)) {
            List<Integer> seen = pool.map((Integer x) -> {
                Thread.sleep(20);
                return initialized;
            }, IntStream.range(0, 40).boxed().toList(), 1);
            assertEquals(Set.of(1), new HashSet<>(seen));
            assertEquals("on", pool.apply(() -> System.getProperty("mp4j.test.flag")), "JVM options reach the workers");
            assertTrue(pool.apply(() -> Runtime.getRuntime().maxMemory()) <= 128L << 20);
            assertTrue(pool.apply(() -> Multiprocessing.currentProcess().getName()).startsWith("SpawnPoolWorker-"));
        }
    }

    @Test
    void workersThatDieAtStartUpBreakThePoolLoudly() {
        try (Capture io = new Capture()) {
            Pool pool = new Pool(PoolOptions.processes(2).initializer(() -> {
                throw new IllegalStateException("bad initializer");
            }));
            try {
                WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> 1));
                assertTrue(e.getMessage().contains("while starting"), e.getMessage());
                assertTrue(e.stderrTail().contains("bad initializer"), e.stderrTail());
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
                assertTrue(refused.getMessage().contains("start-up"), refused.getMessage());
                assertTrue(pool.join(Duration.ofSeconds(30)));
            } finally {
                pool.terminate();
            }
            assertTrue(io.err().contains("bad initializer"), io.err());
            assertTrue(io.err().contains("SEVERE: the pool's workers die at start-up"), io.err());
        }
    }

    @Test
    void badJvmOptionBreaksThePoolLoudly() {
        try (Capture io = new Capture()) {
            Pool pool = new Pool(PoolOptions.processes(1).jvmOptions(List.of("-XX:+NoSuchFlagAtAll")));
            try {
                WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> 1));
                assertTrue(e.stderrTail().contains("NoSuchFlagAtAll"), e.stderrTail());
            } finally {
                pool.terminate();
            }
            assertTrue(io.err().contains("Unrecognized VM option 'NoSuchFlagAtAll'"), io.err());
        }
    }
}
