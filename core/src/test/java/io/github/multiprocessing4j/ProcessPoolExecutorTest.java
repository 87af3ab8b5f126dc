package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProcessPoolExecutor (reference appendix A1–A8). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolExecutorTest {

    static long pid() {
        return ProcessHandle.current().pid();
    }

    @Test
    void submitInvokeAllAndFailures() throws Exception { // A1, A2, A5
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            assertEquals(256, executor.submit(() -> (int) Math.pow(2, 8)).get());
            Callable<Integer> plain = (Callable<Integer> & Serializable) () -> 16;
            assertEquals(16, executor.submit(plain).get());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int x = i;
                tasks.add((Callable<Integer> & Serializable) () -> x * x);
            }
            List<Future<Integer>> futures = executor.invokeAll(tasks);
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, futures.get(i).get());
            }
            assertEquals(7, executor.invokeAny(List.of((Callable<Integer> & Serializable) () -> 7)));
            Future<Integer> failing = executor.submit(() -> {
                throw new IllegalStateException("123");
            });
            ExecutionException e = assertThrows(ExecutionException.class, failing::get);
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("123", e.getCause().getMessage());
            Runnable notSerializable = () -> { };
            assertThrows(IllegalArgumentException.class, () -> executor.submit(notSerializable));
            Runnable fine = (Runnable & Serializable) () -> { };
            assertEquals(null, executor.submit(fine).get());
        }
    }

    @Test
    void mapInItemOrderWithFailuresInPlace() { // A2
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            List<Integer> range = java.util.stream.IntStream.range(0, 10).boxed().toList();
            for (int chunksize : new int[] {1, 3, 6, 40}) {
                List<Integer> got = new ArrayList<>();
                executor.map((Integer x) -> x * x, range, chunksize).forEachRemaining(got::add);
                assertEquals(range.stream().map(x -> x * x).toList(), got);
            }
            assertThrows(IllegalArgumentException.class, () -> executor.map((Integer x) -> x, range, -1));
            ResultIterator<Integer> it = executor.map((Integer d) -> 1 / d, List.of(2, 1, 0, 5));
            assertEquals(0, it.next());
            assertEquals(1, it.next());
            assertThrows(ArithmeticException.class, it::next);
            assertEquals(0, it.next());
        }
    }

    @Test
    void badWorkerCount() { // A3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcessPoolExecutor(0));
        assertTrue(e.getMessage().contains("greater than 0"));
        assertThrows(IllegalArgumentException.class, () -> new ProcessPoolExecutor(-1));
    }

    @Test
    void aDeadWorkerFailsOnlyItsTask() throws Exception { // A4, done better
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            Future<Integer> dies = executor.submit(() -> {
                Runtime.getRuntime().halt(9);
                return 0;
            });
            ExecutionException e = assertThrows(ExecutionException.class, dies::get);
            assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(5, executor.submit(() -> 5).get());
        }
    }

    @Test
    void maxTasksPerChild() throws Exception { // A6
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(PoolOptions.processes(1).maxTasksPerChild(3))) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pids.add(executor.submit(ProcessPoolExecutorTest::pid).get());
            }
            assertEquals(pids.get(0), pids.get(2));
            assertFalse(pids.get(2).equals(pids.get(3)));
        }
    }

    /** Python 3.14's terminate_workers() and kill_workers(): the workers go now, with their tasks. */
    @Test
    void terminateWorkersAndKillWorkersStopEveryWorkerNow() throws Exception {
        for (boolean kill : new boolean[] {false, true}) {
            ProcessPoolExecutor executor = new ProcessPoolExecutor(2);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(executor.submit(() -> { Thread.sleep(60_000); return 1; }));
            }
            Thread.sleep(300);
            List<Long> pids = executor.workerPids();
            if (kill) {
                executor.killWorkers();
            } else {
                executor.terminateWorkers();
            }
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
            for (Future<Integer> f : futures) {
                assertThrows(CancellationException.class, f::get);
            }
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "worker " + pid + " is gone");
            }
            assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> 1));
        }
    }

    @Test
    void shutdownRefusesAndShutdownNowKills() throws Exception { // A8
        ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(executor.submit(() -> { Thread.sleep(10_000); return 1; }));
        }
        Thread.sleep(300);
        List<Runnable> neverStarted = executor.shutdownNow();
        assertTrue(neverStarted.size() >= 17, "never started: " + neverStarted.size());
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
        for (Future<Integer> f : futures) {
            assertThrows(CancellationException.class, f::get);
        }
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> 1));

        ProcessPoolExecutor graceful = new ProcessPoolExecutor(1);
        Future<Integer> queued = graceful.submit(() -> { Thread.sleep(200); return 2; });
        graceful.shutdown();
        assertTrue(graceful.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> graceful.submit(() -> 1));
        assertTrue(graceful.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(2, queued.get());
    }
}
