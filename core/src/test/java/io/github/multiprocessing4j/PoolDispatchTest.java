package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool never leaves a worker idle while work waits, re-runs what a dead worker never started,
 * retries tasks whose worker died when asked to, names the task that killed a worker, and tells
 * where its time went (insights, JFR). Tasks report their pid and {@code System.nanoTime()}, which
 * on Linux is one clock for every process of the machine, so the tests compare when tasks ran
 * without any bound on how long they took.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolDispatchTest {

    /** @return pid, start, end of a sleep of {@code millis} */
    static long[] sleep(long millis) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(millis);
        return new long[] {ProcessHandle.current().pid(), start, System.nanoTime()};
    }

    @Test
    void twoLongTasksOnAFreshPoolRunAtTheSameTimeOnTwoWorkers() {
        try (Pool pool = new Pool(2)) {
            AsyncResult<long[]> a = pool.applyAsync(() -> sleep(1000));
            AsyncResult<long[]> b = pool.applyAsync(() -> sleep(1000));
            long[] x = a.get();
            long[] y = b.get();
            assertNotEquals(x[0], y[0], "both ran on one worker");
            assertTrue(x[1] < y[2] && y[1] < x[2], "they did not overlap: one waited for the other");
        }
    }

    @Test
    void shortTasksQueuedBehindALongOneRunOnTheFreeWorker() {
        try (Pool pool = new Pool(2)) {
            pool.map((Integer i) -> i, IntStream.range(0, 1000).boxed().toList()); // warmed up, durations measured
            AsyncResult<long[]> longTask = pool.applyAsync(() -> sleep(2000));
            List<AsyncResult<long[]>> shorts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shorts.add(pool.applyAsync(() -> sleep(300)));
            }
            long[] l = longTask.get();
            for (AsyncResult<long[]> s : shorts) {
                long[] r = s.get();
                assertNotEquals(l[0], r[0], "a short task waited for the worker busy with the long one");
                assertTrue(r[2] < l[2], "a short task ended after the long one");
            }
        }
    }

    @Test
    void aSigkilledWorkersUnstartedTaskRunsElsewhere() throws Exception {
        Value victim = Multiprocessing.value('q', 0);
        try (Pool pool = new Pool(2)) {
            pool.map((Integer i) -> i, List.of(1, 2, 3, 4), 1);
            AsyncResult<Long> dying = pool.applyAsync(() -> {
                victim.setLong(ProcessHandle.current().pid());
                Thread.sleep(60_000);
                return 0L;
            });
            AsyncResult<long[]> other = pool.applyAsync(() -> sleep(1500));
            List<AsyncResult<long[]>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                queued.add(pool.applyAsync(() -> sleep(10))); // some of them queued on the victim
            }
            while (victim.getLong() == 0) {
                Thread.sleep(10);
            }
            ProcessHandle.of(victim.getLong()).orElseThrow().destroyForcibly();
            WorkerDiedException e = assertThrows(WorkerDiedException.class, dying::get);
            assertTrue(e.getMessage().contains("while running apply task #"), e.getMessage());
            assertTrue(e.getMessage().contains("killed by signal 9"), e.getMessage());
            other.get();
            for (AsyncResult<long[]> q : queued) {
                assertNotEquals(victim.getLong(), q.get()[0]); // ran, and not on the dead worker
            }
        }
    }

    @Test
    void withRetriesATaskWhoseWorkerDiedRunsAgainOnAnotherWorker() {
        Value tries = Multiprocessing.value('i', 0);
        try (Pool pool = new Pool(PoolOptions.processes(2).retries(2))) {
            long pid = pool.apply(() -> {
                if (tries.incrementAndGet() <= 2) {
                    Runtime.getRuntime().halt(9); // a crash, twice
                }
                return ProcessHandle.current().pid();
            });
            assertEquals(3, tries.getInt());
            assertTrue(pool.workerPids().contains(pid));
        }
    }

    @Test
    void withoutRetriesAWorkerThatDiesInAMapNamesTheTaskAndItsItem() {
        try (Pool pool = new Pool(2)) {
            WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.map((String s) -> {
                if (s.equals("boom")) {
                    System.exit(3);
                }
                return s;
            }, List.of("a", "b", "boom", "d"), 1));
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("task 2 of the map call (item \"boom\")"), e.getMessage());
            assertEquals(List.of(), e.attempts());
        }
    }

    @Test
    void afterTheLastRetryTheExceptionListsEveryAttempt() {
        try (Pool pool = new Pool(PoolOptions.processes(1).retries(1))) {
            WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
                Runtime.getRuntime().halt(5);
                return 0;
            }));
            assertEquals(2, e.attempts().size());
            assertEquals(5, e.attempts().get(0).exitCode());
            assertNotEquals(e.attempts().get(0).pid(), e.attempts().get(1).pid());
            assertTrue(e.getMessage().contains("died on each of 2 attempts"), e.getMessage());
        }
    }

    @Test
    void insightsAddUpToEachWorkersTimeAndNameTheSlowestTask() {
        long before = System.nanoTime();
        try (Pool pool = new Pool(2)) {
            pool.map((Integer ms) -> sleep(ms), List.of(50, 400, 50, 50, 100), 1);
            Thread.sleep(200);
            PoolInsights insights = pool.insights();
            long alive = System.nanoTime() - before;
            assertEquals(2, insights.workers().size());
            for (PoolInsights.Worker w : insights.workers()) {
                long sum = w.starting().toNanos() + w.waiting().toNanos() + w.working().toNanos() + w.sending().toNanos();
                assertTrue(sum <= alive, w + ": more than its time alive " + alive);
                assertTrue(sum >= alive * 0.8 - 100_000_000L, w + " adds up to " + sum + " of " + alive + " ns");
            }
            assertEquals(5, insights.total().tasks());
            assertTrue(insights.total().working().toMillis() >= 650, insights.toString());
            PoolInsights.SlowTask slowest = insights.slowest().getFirst();
            assertTrue(slowest.task().equals("task 1 of the map call (item 400)"), slowest.task());
            assertTrue(slowest.duration().toMillis() >= 400, slowest.toString());
            assertTrue(insights.toString().contains("total"), insights.toString());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPoolsLifeIsRecordedAsJfrEvents() throws Exception {
        Path file = Files.createTempFile("pool", ".jfr");
        try (Recording recording = new Recording()) {
            for (String event : List.of("PoolTasks", "PoolWorkerStarted", "PoolWorkerExited", "PoolMap")) {
                recording.enable("multiprocessing4j." + event);
            }
            recording.start();
            try (Pool pool = new Pool(2)) {
                pool.map((Integer x) -> x + 1, IntStream.range(0, 100).boxed().toList(), 10);
            }
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            long tasks = events.stream().filter(e -> e.getEventType().getName().endsWith("PoolTasks"))
                    .mapToLong(e -> e.getInt("tasks")).sum();
            assertEquals(100, tasks);
            // a worker still starting when the map is done is stopped before it is ready: no Started event for it
            java.util.Set<Long> started = events.stream().filter(e -> e.getEventType().getName().endsWith("PoolWorkerStarted"))
                    .map(e -> e.getLong("pid")).collect(java.util.stream.Collectors.toSet());
            assertTrue(events.stream().filter(e -> e.getEventType().getName().endsWith("PoolTasks"))
                    .allMatch(e -> started.contains(e.getLong("pid"))), "tasks ran on a worker that never started");
            assertEquals(2, events.stream().filter(e -> e.getEventType().getName().endsWith("PoolWorkerExited")
                    && !e.getBoolean("died")).count());
            RecordedEvent map = events.stream().filter(e -> e.getEventType().getName().endsWith("PoolMap")).findFirst().orElseThrow();
            assertEquals(100, map.getInt("items"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
