package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Manager;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Processes on two agents share the cluster's queues, values, locks, events, barriers and dicts. */
class ClusterObjectsAcrossAgentsTest {

    private static LocalCluster agents;

    @BeforeAll
    static void startAgents() {
        agents = LocalCluster.start(2, 2);
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    private static List<Process> startAll(int n, java.util.function.IntFunction<io.github.multiprocessing4j.SerializableRunnable> target) {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = agents.context().process(null, target.apply(i));
            p.start();
            started.add(p);
        }
        return started;
    }

    private static void joinAll(List<Process> processes) {
        for (Process p : processes) {
            assertTrue(p.join(Duration.ofSeconds(120)), p + " ended");
            assertEquals(0, p.exitCode(), p + " exit code");
        }
    }

    @Test
    void processesOnBothAgentsShareAQueueAValueUnderItsLockAndADict() {
        HazelcastContext ctx = agents.context();
        Queue<String> queue = ctx.queue(10);
        Value counter = ctx.value('i', 0);
        try (Manager manager = ctx.manager()) {
            ConcurrentMap<String, Integer> hits = manager.dict();
            List<Process> workers = startAll(4, n -> () -> {
                for (int k = 0; k < 100; k++) {
                    try (var held = counter.getLock().acquired()) {
                        counter.setInt(counter.getInt() + 1);
                    }
                    hits.merge("p" + (n % 2), 1, Integer::sum);
                    queue.put(n + ":" + k); // bounded: producers wait for the parent
                }
            });
            Set<String> got = new TreeSet<>();
            for (int i = 0; i < 400; i++) {
                got.add(queue.get(Duration.ofSeconds(120)));
            }
            joinAll(workers);
            assertEquals(400, got.size(), "every item once");
            assertEquals(400, counter.getInt());
            assertEquals(200, hits.get("p0"));
            assertEquals(200, hits.get("p1"));
            assertTrue(workers.stream().map(Process::pid).distinct().count() == 4);
        }
    }

    @Test
    void anEventAndABarrierMeetProcessesOnOtherMachinesWithTheParent() {
        HazelcastContext ctx = agents.context();
        Event go = ctx.event();
        Barrier meet = ctx.barrier(3);
        Queue<Integer> arrived = ctx.queue();
        List<Process> waiting = startAll(2, n -> () -> {
            meet.await(Duration.ofSeconds(60));
            if (go.await(Duration.ofSeconds(60))) {
                arrived.put(n);
            }
        });
        meet.await(Duration.ofSeconds(120));
        go.set();
        Set<Integer> got = new TreeSet<>();
        got.add(arrived.get(Duration.ofSeconds(60)));
        got.add(arrived.get(Duration.ofSeconds(60)));
        joinAll(waiting);
        assertEquals(Set.copyOf(IntStream.range(0, 2).boxed().toList()), got);
    }
}
