package io.github.multiprocessing4j.hazelcast;

import com.hazelcast.client.HazelcastClient;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs;
import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** As on one machine, children do not outlive their parent: agents kill those of a parent that left. */
class ParentGoneTest {

    @Test
    void theAgentsKillTheWorkersAndProcessesOfAParentThatWasKilled() throws Exception {
        try (Capture captured = new Capture("com.hazelcast"); LocalCluster cluster = LocalCluster.start(1, 2)) {
            String name = cluster.name();
            String member = cluster.members().getFirst();
            byte[] key = cluster.authkey();
            Queue<String> ready = Multiprocessing.queue();
            // the parent is a process of this machine, a client of the cluster with a pool and a process on the agent
            Process parent = new Process(() -> {
                HazelcastContext ctx = HazelcastContext.of(HazelcastClient.newHazelcastClient(ClusterConfigs.client(name, List.of(member))), key);
                Pool pool = ctx.pool(1);
                pool.apply(() -> 1);
                Process sleeper = ctx.process(null, () -> Thread.sleep(600_000));
                sleeper.start();
                ready.put("running");
                Thread.sleep(600_000);
            });
            parent.setJvmOptions(ClusterConfigs.JVM_FLAGS);
            parent.start();
            assertEquals("running", ready.get(Duration.ofSeconds(120)));
            assertEquals(2, cluster.childJvms(), "a pool worker and a process on the agent");
            parent.kill();
            parent.join();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (cluster.childJvms() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, cluster.childJvms(), "the agent ended its children when their parent left");
            parent.close();
        }
    }
}
