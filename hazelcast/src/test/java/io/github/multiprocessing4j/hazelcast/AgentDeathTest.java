package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;
import io.github.multiprocessing4j.WorkerDiedException;
import io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent SIGKILLed mid-map: with retries its chunks run again elsewhere and every result
 * arrives exactly once; without, the map fails with a WorkerDiedException that names the agent.
 * Either way within the member-death bound ({@link ClusterConfigs#MEMBER_DEATH_SECONDS} s) plus
 * the time to run the work.
 */
class AgentDeathTest {

    @Test
    void aMapOfAHundredThousandItemsSurvivesAnAgentKilledMidMapWithRetries() throws Exception {
        try (Capture captured = new Capture("com.hazelcast"); LocalCluster agents = LocalCluster.start(3, 1)) {
            String lost = agents.members().get(2);
            try (Pool pool = agents.context().pool(PoolOptions.processes(3).retries(2))) {
                List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
                AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
                    if (x % 1000 == 0) {
                        Thread.sleep(20); // ~2 s of work in all, so the kill lands mid-map
                    }
                    return x + 1;
                }, items);
                awaitEveryWorkerWorking(pool, 3);
                agents.kill(2);
                List<Integer> got = result.get(Duration.ofSeconds(120));
                assertEquals(items.stream().map(x -> x + 1).toList(), got, "every item once, in order");
            }
            onlyWarningsOfTheLostAgent(captured, lost);
        }
    }

    /**
     * What the kill may print: Hazelcast's client failing to reach the dead member, or its
     * connection to that member closed (a reset, when the kill lands mid-read), nothing else.
     */
    private static void onlyWarningsOfTheLostAgent(Capture captured, String lost) {
        for (String line : captured.err().lines().filter(l -> l.startsWith("WARNING") || l.startsWith("SEVERE")).toList()) {
            boolean aboutTheLostMember = line.contains("Could not connect to member")
                    || line.contains("ClientConnection{") && line.contains("remoteAddress=[127.0.0.1]:" + lost.substring(lost.lastIndexOf(':') + 1));
            assertTrue(aboutTheLostMember, "unexpected: " + line + "\n" + captured.err());
        }
    }

    /** Waits (up to 60 s) until {@code n} workers have each run work: a kill then lands mid-chunk. */
    private static void awaitEveryWorkerWorking(Pool pool, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (pool.insights().workers().stream().filter(w -> w.working().compareTo(Duration.ZERO) > 0).count() < n) {
            assertTrue(System.nanoTime() < deadline, "workers did not start: " + pool.insights());
            Thread.sleep(50);
        }
    }

    @Test
    void withoutRetriesTheMapFailsNamingTheAgentThatLeft() throws Exception {
        try (Capture captured = new Capture("com.hazelcast"); LocalCluster agents = LocalCluster.start(2, 1)) {
            String lost = agents.members().get(1);
            try (Pool pool = agents.context().pool(PoolOptions.processes(2))) {
                AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
                    Thread.sleep(100);
                    return x;
                }, IntStream.range(0, 200).boxed().toList(), 5, r -> { }, e -> { });
                awaitEveryWorkerWorking(pool, 2);
                long killedAt = System.nanoTime();
                agents.kill(1);
                WorkerDiedException died = assertThrows(WorkerDiedException.class, () -> result.get(Duration.ofSeconds(120)));
                long seconds = (System.nanoTime() - killedAt) / 1_000_000_000L;
                assertTrue(died.getMessage().contains("left the cluster"), died.getMessage());
                assertTrue(seconds < 60, "noticed after " + seconds + " s");
            }
            onlyWarningsOfTheLostAgent(captured, lost);
        }
    }
}
