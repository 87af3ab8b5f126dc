package io.github.multiprocessing4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Manager}: after CPython's {@code test_manager_*} and {@code _TestContainers} cases, and
 * what Python gets wrong: nested containers that stay shared, atomic merge across processes, a
 * dead manager failing calls instead of hanging. One manager serves most tests (starting one is a
 * JVM start).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerTest {

    static Manager manager;

    @BeforeAll
    static void start() {
        manager = Multiprocessing.manager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static void runAll(int n, SerializableRunnable target) {
        List<Process> ps = IntStream.range(0, n).mapToObj(i -> new Process(target)).toList();
        ps.forEach(Process::start);
        ps.forEach(Process::join);
        ps.forEach(p -> assertEquals(0, p.exitCode()));
    }

    @Test
    void aDictBehavesAsAConcurrentMap() {
        ConcurrentMap<String, Integer> d = manager.dict(Map.of("a", 1));
        assertEquals(1, d.get("a"));
        assertNull(d.put("b", 2));
        assertEquals(2, d.size());
        assertEquals(1, d.putIfAbsent("a", 9));
        assertTrue(d.replace("a", 1, 10));
        assertFalse(d.replace("a", 1, 11));
        assertEquals(10, d.replace("a", 12));
        assertTrue(d.remove("b", 2));
        assertEquals(Map.of("a", 12), Map.copyOf(d));
        assertThrows(NullPointerException.class, () -> d.put("c", null));
        d.clear();
        assertTrue(d.isEmpty());
    }

    @Test
    void fourProcessesMergingOneEntryLoseNothing() {
        ConcurrentMap<String, Integer> d = manager.dict();
        runAll(4, () -> {
            for (int i = 0; i < 250; i++) {
                d.merge("served", 1, (BiFunction<Integer, Integer, Integer> & java.io.Serializable) Integer::sum); // one call, in the manager
                d.merge("retried", 1, Integer::sum);                                                  // here, get and replace
            }
        });
        assertEquals(1000, d.get("served"));
        assertEquals(1000, d.get("retried"));
    }

    @Test
    void aContainerStoredInAnotherStaysSharedAcrossProcesses() {
        ConcurrentMap<String, Object> d = manager.dict();
        d.put("inner", manager.list());
        runAll(2, () -> {
            @SuppressWarnings("unchecked")
            List<String> inner = (List<String>) d.get("inner");
            inner.add("from a child");
        });
        @SuppressWarnings("unchecked")
        List<String> inner = (List<String>) d.get("inner");
        assertEquals(List.of("from a child", "from a child"), List.copyOf(inner));
    }

    @Test
    void aProxyWorksInAPoolTask() {
        List<Integer> squares = manager.list();
        try (Pool pool = new Pool(2)) {
            pool.map((Integer i) -> squares.add(i * i), List.of(1, 2, 3));
        }
        assertEquals(Set.of(1, 4, 9), Set.copyOf(squares));
    }

    @Test
    void aListAndANamespaceBehaveAsPythons() {
        List<String> l = manager.list(List.of("a", "b"));
        l.add(1, "x");
        assertEquals(List.of("a", "x", "b"), List.copyOf(l));
        assertEquals("x", l.remove(1));
        assertEquals(1, l.indexOf("b"));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5));
        Namespace ns = manager.namespace();
        ns.set("x", 1);
        ns.set("none", null);
        runAll(1, () -> ns.set("x", (Integer) ns.get("x") + 1));
        assertEquals(2, ns.get("x"));
        assertNull(ns.get("none"));
        assertEquals(Set.of("none", "x"), ns.names());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> ns.get("y"));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    /** A type of the user's, made in the manager. */
    public interface Counter {
        int next();

        int fail(String why) throws java.io.IOException;
    }

    /** Made in the manager. */
    static final class SimpleCounter implements Counter {
        private int n;

        @Override
        public synchronized int next() {
            return ++n;
        }

        @Override
        public int fail(String why) throws java.io.IOException {
            if (why.equals("io")) {
                throw new java.io.IOException("checked " + why);
            }
            throw new IllegalStateException("unchecked " + why);
        }
    }

    @Test
    void anObjectOfTheUsersRunsInTheManagerAndItsExceptionsComeBackAsThrown() throws Exception {
        Counter c = manager.create(Counter.class, SimpleCounter::new);
        runAll(2, () -> {
            for (int i = 0; i < 10; i++) {
                c.next();
            }
        });
        assertEquals(21, c.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.fail("x"));
        assertEquals("unchecked x", e.getMessage());
        assertTrue(e.getCause().getStackTrace().length > 0, "the manager's stack trace");
        assertEquals("checked io", assertThrows(java.io.IOException.class, () -> c.fail("io")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> manager.create(String.class, () -> "not an interface"));
    }

    @Test
    void theManagersLocksAndQueuesAreSharedByEveryProcess() {
        Lock lock = manager.lock();
        Value total = manager.value('i', 0);
        Queue<String> queue = manager.queue();
        runAll(2, () -> {
            for (int i = 0; i < 100; i++) {
                lock.acquire();
                try {
                    total.setInt(total.getInt() + 1);
                } finally {
                    lock.release();
                }
            }
            queue.put("done");
        });
        assertEquals(200, total.getInt());
        assertEquals("done", queue.get(Duration.ofSeconds(10)));
        assertEquals("done", queue.get(Duration.ofSeconds(10)));
    }

    @Test
    void aManagersBoundedQueueIsSeenFullAndInOrderByAChild() { // TestSyncManagerTypes.test_queue
        Queue<Integer> q = manager.queue(2);
        q.put(5);
        q.put(6);
        runAll(1, () -> {
            if (q.qsize() != 2 || !q.full() || q.get() != 5 || q.get() != 6 || !q.empty()) {
                System.exit(3);
            }
        });
    }

    @Test
    void aKilledManagerFailsEveryCallWithinTwoSecondsNamingIt() {
        Manager doomed = Multiprocessing.manager();
        ConcurrentMap<String, Integer> d = doomed.dict();
        d.put("x", 1);
        doomed.process().orElseThrow().kill();
        long t = System.nanoTime();
        ProcessException e = assertThrows(ProcessException.class, () -> d.get("x"));
        assertTrue(System.nanoTime() - t < 2_000_000_000L, "it took " + (System.nanoTime() - t) / 1e6 + " ms");
        assertTrue(e.getMessage().contains("SyncManager-"), e.getMessage());
        assertThrows(ProcessException.class, doomed::dict);
        doomed.close();
        doomed.close(); // idempotent
    }

    @Test
    void aProxyUsedAfterShutdownFailsAndCloseIsIdempotent() {
        Manager m = Multiprocessing.manager();
        List<String> l = m.list();
        m.shutdown();
        m.close();
        assertThrows(ProcessException.class, l::size);
    }

    @Test
    void aRemoteManagerServesClientsWithTheKeyAndRefusesOthers() {
        byte[] key = "secret".getBytes();
        InetSocketAddress at = manager.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), key);
        ConcurrentMap<String, String> shared = manager.dict();
        manager.bind("jobs", shared);
        try (Manager remote = Manager.connect(at, key)) {
            ConcurrentMap<String, String> jobs = remote.lookup("jobs");
            jobs.put("1", "over tcp");
            assertEquals("over tcp", shared.get("1"));
            List<Integer> made = remote.list();
            made.add(5);
            assertEquals(List.of(5), List.copyOf(made));
        }
        assertThrows(AuthenticationException.class, () -> Manager.connect(at, "wrong".getBytes()));
    }
}
