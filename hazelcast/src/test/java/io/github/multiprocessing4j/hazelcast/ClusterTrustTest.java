package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.WorkerDiedException;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agents run only work signed with the cluster's authkey. */
class ClusterTrustTest {

    @Test
    void workSignedWithAnotherKeyIsRefusedAndLoggedByTheAgent() throws Exception {
        try (Capture captured = new Capture("com.hazelcast"); LocalCluster agents = LocalCluster.start(1, 1)) {
            byte[] wrong = "not the cluster's key, but long enough".getBytes(StandardCharsets.UTF_8);
            HazelcastContext stranger = HazelcastContext.of(agents.client(), wrong);
            try {
                Process p = stranger.process(null, () -> System.out.println("must never run"));
                IllegalStateException refused = assertThrows(IllegalStateException.class, p::start);
                assertTrue(refused.getMessage().contains("not signed with the cluster's authkey"), refused.getMessage());

                try (Pool pool = stranger.pool(1)) {
                    // its workers "die while starting", each refused: the pool says why
                    WorkerDiedException broken = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> 1));
                    assertTrue(broken.getMessage().contains("not signed with the cluster's authkey"), broken.getMessage());
                }
            } finally {
                stranger.close();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!agents.output(0).contains("refused a request not signed") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(agents.output(0).contains("refused a request not signed"), agents.output(0));
            assertTrue(!captured.out().contains("must never run"));
        }
    }

    @Test
    void aKeyShorterThanSixteenBytesIsRefusedAtOnce() {
        try (LocalCluster agents = LocalCluster.start(1, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HazelcastContext.of(agents.client(), "short".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
        }
    }
}
