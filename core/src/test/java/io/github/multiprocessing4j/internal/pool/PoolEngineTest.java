package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.SerializableCallable;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's engine and dispatcher against in-process fake workers ({@link FakeWorkers}): dispatch,
 * recall, deaths and retries in milliseconds, no JVM started. Tasks coordinate through static
 * fields (they run in this JVM).
 */
class PoolEngineTest {

    static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

    private final FakeWorkers workers = new FakeWorkers();
    private PoolEngine engine;

    private PoolEngine engine(int processes, int retries) {
        engine = new PoolEngine(new PoolConfig(processes, null, 0, null, List.of(), null, null, retries, TestErrors.INSTANCE),
                workers);
        return engine;
    }

    @AfterEach
    void stop() throws Exception {
        LATCHES.values().forEach(l -> {
            while (l.getCount() > 0) {
                l.countDown();
            }
        });
        if (engine != null) {
            engine.terminate();
            engine.stopped().get(10, TimeUnit.SECONDS);
        }
    }

    private CompletableFuture<Object> apply(SerializableCallable<?> task) {
        return engine.apply(CompactSerializer.INSTANCE.serialize(task, "a task"));
    }

    private static Object get(CompletableFuture<Object> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static String worker() {
        return FakeWorkers.current().name();
    }

    @Test
    void shortTasksQueuedBehindALongOneRunOnTheFreeWorker() throws Exception {
        engine(2, 0);
        CountDownLatch release = new CountDownLatch(1);
        LATCHES.put("long", release);
        // one at a time, so that each worker holds two: [long, short2] and [short1, short3]
        CompletableFuture<Object> longTask = apply(() -> {
            LATCHES.get("long").await();
            return worker();
        });
        List<CompletableFuture<Object>> shorts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shorts.add(apply(PoolEngineTest::worker));
        }
        for (CompletableFuture<Object> s : shorts) {
            get(s); // all done while the long task still runs: none waited behind it
        }
        assertFalse(longTask.isDone());
        String longWorker = null;
        release.countDown();
        longWorker = (String) get(longTask);
        for (CompletableFuture<Object> s : shorts) {
            assertNotEquals(longWorker, s.get(), "a short task ran on the worker busy with the long one");
        }
    }

    @Test
    void theUnstartedChunksOfAWorkerThatDiedRunElsewhereAndNeverFail() throws Exception {
        engine(2, 0);
        LATCHES.put("die", new CountDownLatch(1));
        CompletableFuture<Object> dying = apply(() -> {
            LATCHES.get("die").await();
            throw new FakeWorkers.Die(-9);
        });
        CompletableFuture<Object> blocker = apply(() -> {
            LATCHES.get("die").await();
            return worker();
        });
        // queued behind them: each worker holds one of these unstarted
        CompletableFuture<Object> a = apply(PoolEngineTest::worker);
        CompletableFuture<Object> b = apply(PoolEngineTest::worker);
        Thread.sleep(50); // (no assertion on time: only lets both be dispatched before the release)
        LATCHES.get("die").countDown();
        ExecutionException died = assertThrows(ExecutionException.class, () -> get(dying));
        TestErrors.Died cause = assertInstanceOf(TestErrors.Died.class, died.getCause());
        assertEquals(-9, cause.code);
        assertTrue(cause.getMessage().contains("apply task #1"), cause.getMessage());
        assertTrue(cause.getMessage().contains("killed by signal 9"), cause.getMessage());
        get(blocker);
        get(a);
        get(b);
        assertEquals(3, workers.launched.size(), "the dead worker was replaced");
    }

    @Test
    void aTaskWhoseWorkerDiesRunsAgainUpToTheRetriesAndThenSucceeds() throws Exception {
        engine(2, 2);
        COUNTERS.put("tries", new AtomicInteger());
        Object result = get(apply(() -> {
            if (COUNTERS.get("tries").incrementAndGet() <= 2) {
                throw new FakeWorkers.Die(137);
            }
            return "third time";
        }));
        assertEquals("third time", result);
        assertEquals(3, COUNTERS.get("tries").get());
    }

    @Test
    void aTaskWhoseWorkerDiesMoreOftenThanTheRetriesFailsListingEveryAttempt() throws Exception {
        engine(2, 2);
        COUNTERS.put("dies", new AtomicInteger());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(apply(() -> {
            COUNTERS.get("dies").incrementAndGet();
            throw new FakeWorkers.Die(3);
        })));
        TestErrors.Died died = assertInstanceOf(TestErrors.Died.class, e.getCause());
        assertEquals(3, died.attempts.size());
        assertEquals(3, COUNTERS.get("dies").get());
        assertTrue(died.getMessage().contains("died on each of 3 attempts"), died.getMessage());
        assertTrue(died.getMessage().contains("attempt 3: pool worker"), died.getMessage());
    }

    @Test
    void aTaskThatThrowsIsNeverRetried() throws Exception {
        engine(1, 3);
        COUNTERS.put("throws", new AtomicInteger());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(apply(() -> {
            COUNTERS.get("throws").incrementAndGet();
            throw new IllegalStateException("no");
        })));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, COUNTERS.get("throws").get());
        assertEquals(1, workers.launched.size());
    }

    @Test
    void withoutRetriesAWorkerDeathFailsTheMapCallNamingTheItem() throws Exception {
        engine(2, 0);
        CompletableFuture<List<Object>> result = MapCalls.map(engine, (io.github.multiprocessing4j.SerializableFunction<String, String>) s -> {
            if (s.equals("boom")) {
                throw new FakeWorkers.Die(1);
            }
            return s;
        }, null, List.of("a", "b", "c", "boom", "e"), 2);
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("task 3 of the map call (item \"boom\")"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("exit code 1"), e.getCause().getMessage());
    }

    @Test
    void aWorkerThatExitsBeforeItsLaunchReturnsIsHandledAsOneThatDiedStarting() throws Exception {
        WorkerLauncher dead = (onMessage, onExit) -> {
            FakeWorkers.FakeWorker w = new FakeWorkers.FakeWorker("stillborn", 7, onMessage, onExit);
            Thread exit = Thread.ofPlatform().start(() -> onExit.accept(w, 1)); // as a JVM with a bad flag
            try {
                exit.join(50); // blocked on the engine's lock, held by launch: it must not see an unknown worker
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return w;
        };
        try (Capture io = new Capture()) {
            engine = new PoolEngine(new PoolConfig(1, null, 0, null, List.of(), null, null, 0, TestErrors.INSTANCE), dead);
            CompletableFuture<Object> result = apply(() -> 1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(result));
            assertTrue(e.getCause().getMessage().contains("died while starting"), e.getCause().getMessage());
            assertThrows(IllegalStateException.class, () -> engine.apply(new byte[0]));
            assertTrue(io.err().contains("the pool is broken"), io.err());
        }
    }

    @Test
    void aWorkerRefusesAnIllegalMoveOfItsState() {
        WorkerSlot slot = new WorkerSlot(new FakeWorkers.FakeWorker("w", 1, (w, f) -> { }, (w, c) -> { }), null);
        assertThrows(IllegalStateException.class, slot::retire); // STARTING → RETIRING
        slot.ready();
        assertThrows(IllegalStateException.class, slot::ready);  // READY → READY
        assertTrue(slot.stop());
        assertFalse(slot.stop());                                 // already stopping: nothing
        assertThrows(IllegalStateException.class, slot::retire);
        slot.died();
        assertEquals(WorkerSlot.State.DEAD, slot.state());
    }

    /** Exceptions that carry what the engine said. */
    static final class TestErrors implements PoolErrors {
        static final TestErrors INSTANCE = new TestErrors();

        static final class Died extends RuntimeException {
            final int code;
            final List<RuntimeException> attempts;

            Died(String message, int code, List<RuntimeException> attempts) {
                super(message);
                this.code = code;
                this.attempts = attempts;
            }
        }

        @Override
        public RuntimeException taskFailed(String message, String remoteClass, String remoteStack, Throwable cause) {
            return new RuntimeException(message, cause);
        }

        @Override
        public RuntimeException workerDied(String message, long pid, int exitCode, String stderrTail,
                                           List<RuntimeException> attempts) {
            return new Died(message, exitCode, attempts);
        }

        @Override
        public RuntimeException timedOut(String message) {
            return new RuntimeException(message);
        }

        @Override
        public RuntimeException interrupted(String what, InterruptedException e) {
            return new RuntimeException(what, e);
        }
    }
}
