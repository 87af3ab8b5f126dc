package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Manager;
import io.github.multiprocessing4j.Namespace;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagerTest {

    private static HazelcastInstance member;
    private static HazelcastContext ctx;
    private static Manager manager;

    @BeforeAll
    static void start() {
        member = ClusterTesting.member();
        ctx = ClusterTesting.context(member);
        manager = ctx.manager();
    }

    @AfterAll
    static void stop() {
        manager.close();
        ctx.close();
        member.shutdown();
    }

    @Test
    void aDictIsAConcurrentMapWithAtomicOperations() {
        ConcurrentMap<String, Integer> d = manager.dict(Map.of("a", 1));
        assertEquals(1, d.get("a"));
        assertNull(d.putIfAbsent("b", 2));
        assertEquals(2, d.putIfAbsent("b", 3));
        assertTrue(d.replace("b", 2, 20));
        assertFalse(d.replace("b", 2, 30));
        assertEquals(21, d.merge("b", 1, Integer::sum)); // a function that is not serializable runs here
        assertEquals(5, d.compute("c", (k, v) -> v == null ? 5 : v + 1));
        assertEquals(6, d.computeIfPresent("c", (k, v) -> v + 1));
        assertEquals(7, d.computeIfAbsent("d", k -> 7));
        assertTrue(d.remove("d", 7));
        assertEquals(Map.of("a", 1, "b", 21, "c", 6), Map.copyOf(d));
        assertEquals(Set.of("a", "b", "c"), d.keySet());
        assertThrows(NullPointerException.class, () -> d.put("x", null));
    }

    @Test
    void aListKeepsItsElementsInOrder() {
        List<String> l = manager.list(List.of("a", "b"));
        l.add("c");
        l.add(0, "z");
        assertEquals(List.of("z", "a", "b", "c"), new ArrayList<>(l));
        assertEquals("a", l.remove(1));
        l.set(0, "y");
        assertEquals(List.of("y", "b", "c"), l);
        assertEquals(3, l.size());
    }

    @Test
    void aNamespaceHoldsNamedValuesIncludingNull() {
        Namespace ns = manager.namespace();
        ns.set("epoch", 3);
        ns.set("nothing", null);
        assertEquals(3, ns.get("epoch"));
        assertNull(ns.get("nothing"));
        assertEquals(Set.of("epoch", "nothing"), ns.names());
        ns.remove("epoch");
        assertThrows(NoSuchElementException.class, () -> ns.get("epoch"));
        assertThrows(NoSuchElementException.class, () -> ns.remove("epoch"));
    }

    @Test
    void bindAndLookupShareValuesByName() {
        Queue<String> q = manager.queue();
        manager.bind("jobs", q);
        manager.bind("answer", 42);
        assertEquals(42, (Integer) manager.lookup("answer"));
        Queue<String> found = manager.lookup("jobs");
        found.put("job");
        assertEquals("job", q.get(Duration.ofSeconds(10)));
        assertThrows(NoSuchElementException.class, () -> manager.lookup("missing"));
    }

    @Test
    void whatNeedsAServerProcessIsRefusedSayingWhatToUseInstead() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> manager.create(Runnable.class, () -> () -> { }));
        assertTrue(e.getMessage().contains("dict()"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> manager.listen(new InetSocketAddress(0), new byte[8]));
        assertTrue(manager.process().isEmpty());
    }

    @Test
    void aShutDownManagerMakesNoMoreObjectsButWhatItMadeLivesOn() {
        Manager m = ctx.manager();
        ConcurrentMap<String, Integer> d = m.dict();
        d.put("k", 1);
        m.shutdown();
        m.close();
        assertThrows(IllegalStateException.class, m::dict);
        assertEquals(1, d.get("k"));
    }

    @Test
    void aBoundedQueueMadeInAChildIsBoundedForTheParentToo() {
        Queue<Queue<Integer>> made = manager.queue();
        Manager shared = manager; // captured: the child gets the manager itself, not the static field
        Process p = ClusterTesting.child(() -> {
            Queue<Integer> q = shared.queue(1); // the child is a Hazelcast client: dynamic configuration from there
            q.put(1);
            made.put(q);
        });
        try {
            Queue<Integer> q = made.get(Duration.ofSeconds(60));
            assertTrue(q.full());
            assertThrows(io.github.multiprocessing4j.QueueFullException.class, () -> q.putNowait(2));
            assertEquals(1, q.get());
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }

    @Test
    void childrenMergeIntoADictAndAppendToAList() {
        ConcurrentMap<String, Integer> counts = manager.dict();
        List<Integer> seen = manager.list();
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                int me = i;
                children.add(ClusterTesting.child(() -> {
                    for (int k = 0; k < 50; k++) {
                        counts.merge("hits", 1, Integer::sum);
                    }
                    seen.add(me);
                }));
            }
            for (Process p : children) {
                assertTrue(p.join(Duration.ofSeconds(120)));
                assertEquals(0, p.exitCode());
            }
            assertEquals(100, counts.get("hits"));
            assertEquals(Set.of(0, 1), Set.copyOf(seen));
        } finally {
            for (Process p : children) {
                p.kill();
                p.join();
                p.close();
            }
        }
    }
}
