package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import io.github.multiprocessing4j.internal.runtime.WarmPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A warm JVM's runner joins the threads its process started: the Hazelcast client's must not keep it waiting. */
class WarmChildTest {

    private static HazelcastInstance member;
    private static HazelcastContext ctx;

    @BeforeAll
    static void start() {
        member = ClusterTesting.member();
        ctx = ClusterTesting.context(member);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        // Let the pool settle before its idle JVMs are terminated: a JVM still warming up when
        // terminated would leave its run directory behind. Every idle JVM attached, twice 1.5 s
        // apart (past the pool's refill delay of 1 s), or 60 s.
        WarmPool pool = WarmPool.get();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int settled = 0;
        while (settled < 2 && System.nanoTime() < until) {
            Thread.sleep(1500);
            settled = pool.readyCount() == pool.idleCount() ? settled + 1 : 0;
        }
        pool.shutdown();
        ctx.close();
        member.shutdown();
    }

    @Test
    void aWarmChildThatUsedTheClusterEndsAsItsTargetReturns() {
        Queue<String> q = ctx.queue();
        Process p = Multiprocessing.getContext("warm").process("warm-child", () -> q.put("warm"));
        p.setJvmOptions(io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs.JVM_FLAGS);
        p.start();
        try {
            assertEquals("warm", q.get(Duration.ofSeconds(60)));
            assertTrue(p.join(Duration.ofSeconds(60)), "the warm child's client did not keep it waiting");
            assertEquals(0, p.exitCode());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }
}
