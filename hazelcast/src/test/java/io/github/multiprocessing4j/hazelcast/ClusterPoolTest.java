package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolInsights;
import io.github.multiprocessing4j.PoolOptions;
import io.github.multiprocessing4j.ResultTimeoutException;
import io.github.multiprocessing4j.WorkerDiedException;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local pool's behaviour on two agents of one worker JVM each. */
class ClusterPoolTest {

    private static LocalCluster agents;

    @BeforeAll
    static void startAgents() {
        agents = LocalCluster.start(2, 1);
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void aMapOnTheClusterReturnsEveryResultInOrder() {
        try (Pool pool = agents.context().pool()) {
            List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
            assertEquals(items.stream().map(x -> x * x).toList(), pool.map(x -> x * x, items));
        }
    }

    @Test
    void workersRunOnBothAgentsAndTheirOutputReachesTheParent() {
        Capture captured = new Capture();
        Set<Long> pids;
        try (Pool pool = agents.context().pool(2)) {
            List<AsyncResult<Long>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                results.add(pool.applyAsync(() -> {
                    System.out.println("task " + n + " says hello");
                    Thread.sleep(500);
                    return ProcessHandle.current().pid();
                }));
            }
            pids = new TreeSet<>();
            for (AsyncResult<Long> r : results) {
                pids.add(r.get(Duration.ofSeconds(60)));
            }
        } finally {
            captured.close();
        }
        assertEquals(2, pids.size(), "two tasks of 500 ms on two idle workers run on both");
        assertTrue(captured.out().contains("task 0 says hello") && captured.out().contains("task 1 says hello"), captured.out());
    }

    @Test
    void imapStarmapAndCallbacksWorkAsLocally() throws Exception {
        try (Pool pool = agents.context().pool(2)) {
            Iterator<String> it = pool.imap(x -> "#" + x, List.of(1, 2, 3), 1);
            assertEquals("#1", it.next());
            assertEquals("#2", it.next());
            assertEquals("#3", it.next());
            assertEquals(List.of(3, 7), pool.starmap(Integer::sum, List.of(java.util.Map.entry(1, 2), java.util.Map.entry(3, 4))));
            var got = new java.util.concurrent.CompletableFuture<Integer>();
            pool.applyAsync(() -> 42, got::complete, got::completeExceptionally);
            assertEquals(42, got.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void initializerJvmOptionsMaxTasksPerChildAndProgressWorkAsLocally() {
        List<Long> done = java.util.Collections.synchronizedList(new ArrayList<>());
        PoolOptions options = PoolOptions.processes(2)
                .initializer(() -> System.setProperty("mp4j.test.init", "initialized"))
                .jvmOptions(List.of("-Dmp4j.test.flag=flagged"))
                .maxTasksPerChild(2)
                .progress((n, total) -> done.add(n));
        try (Pool pool = agents.context().pool(options)) {
            List<String> got = pool.map(x -> System.getProperty("mp4j.test.init") + "/" + System.getProperty("mp4j.test.flag")
                    + "/" + ProcessHandle.current().pid(), IntStream.range(0, 8).boxed().toList(), 1);
            assertTrue(got.stream().allMatch(s -> s.startsWith("initialized/flagged/")), got.toString());
            long jvms = got.stream().map(s -> s.substring(s.lastIndexOf('/') + 1)).distinct().count();
            assertTrue(jvms >= 4, "two tasks per worker JVM: 8 tasks need 4 JVMs at least, ran in " + jvms);
            // the listener runs on the pool's callback thread: the last call may come just after map returns
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!done.contains(8L) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(done.contains(8L), done.toString());
        }
    }

    @Test
    void aTaskThatThrowsFailsWithItsExceptionAndThePoolGoesOn() {
        try (Pool pool = agents.context().pool(2)) {
            // as locally: the task's own exception class, with the worker's as its cause
            IllegalArgumentException failed = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> {
                throw new IllegalArgumentException("bad input 7");
            }));
            assertTrue(failed.getMessage().contains("bad input 7"), failed.getMessage());
            assertEquals(5, pool.apply(() -> 5));
        }
    }

    @Test
    void aTaskTimeoutKillsOnlyThatTasksWorkerJvm() {
        Capture captured = new Capture();
        try (Pool pool = agents.context().pool(PoolOptions.processes(2).taskTimeout(Duration.ofSeconds(2)))) {
            AsyncResult<Integer> stuck = pool.applyAsync(() -> {
                Thread.sleep(600_000);
                return 0;
            });
            assertThrows(ResultTimeoutException.class, () -> stuck.get(Duration.ofSeconds(60)));
            assertEquals(9, pool.apply(() -> 9));
        } finally {
            captured.close();
        }
    }

    @Test
    void aWorkerJvmThatDiesIsRetriedOnAnotherAndInsightsCountIt() {
        Capture captured = new Capture();
        try (Pool pool = agents.context().pool(PoolOptions.processes(2).retries(1))) {
            // the first attempt's worker dies; the retry runs in a fresh worker JVM and returns
            String marker = "/tmp/mp4j-cluster-retry-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            int result = pool.apply(() -> {
                java.nio.file.Path p = java.nio.file.Path.of(marker);
                if (java.nio.file.Files.notExists(p)) {
                    java.nio.file.Files.writeString(p, "x");
                    Runtime.getRuntime().halt(3);
                }
                java.nio.file.Files.delete(p);
                return 11;
            });
            assertEquals(11, result);
            PoolInsights insights = pool.insights();
            assertTrue(insights.workers().size() >= 2, insights.toString());
        } finally {
            captured.close();
        }
    }

    @Test
    void withoutRetriesADeadWorkerFailsItsTaskNamingTheAgent() {
        Capture captured = new Capture();
        try (Pool pool = agents.context().pool(2)) {
            WorkerDiedException died = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
                Runtime.getRuntime().halt(5);
                return 0;
            }));
            assertTrue(died.getMessage().contains("@127.0.0.1:"), died.getMessage());
            assertEquals(5, died.exitCode(), died.getMessage());
        } finally {
            captured.close();
        }
    }
}
