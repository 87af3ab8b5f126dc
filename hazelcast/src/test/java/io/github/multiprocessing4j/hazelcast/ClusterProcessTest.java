package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Process on an agent's machine: start, join, exit codes, signals, interrupt, output. */
class ClusterProcessTest {

    private static LocalCluster agents;

    @BeforeAll
    static void startAgents() {
        agents = LocalCluster.start(1, 2);
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void aProcessRunsOnAnAgentAndItsOutputArrivesBeforeJoinReturns() {
        try (Capture captured = new Capture()) {
            Process p = agents.context().process("greeter", () -> {
                System.out.println("hello from " + ProcessHandle.current().pid());
                System.err.println("and to stderr");
            });
            p.start();
            assertNotNull(p.pid());
            assertNotEquals(ProcessHandle.current().pid(), p.pid());
            p.join();
            assertEquals(0, p.exitCode());
            assertTrue(captured.out().contains("hello from " + p.pid()), captured.out());
            assertTrue(captured.err().contains("and to stderr"), captured.err());
        }
    }

    @Test
    void exitCodesAreAsLocally() {
        try (Capture captured = new Capture()) {
            Process exits = agents.context().process(null, () -> System.exit(7));
            exits.start();
            exits.join();
            assertEquals(7, exits.exitCode());
            Process throwing = agents.context().process(null, () -> {
                throw new IllegalStateException("boom on the cluster");
            });
            throwing.start();
            throwing.join();
            assertEquals(1, throwing.exitCode());
            assertTrue(captured.err().contains("boom on the cluster"), captured.err());
        }
    }

    @Test
    void terminateKillAndInterruptReachTheChild() throws Exception {
        try (Capture captured = new Capture()) {
            Process sleeper = agents.context().process(null, () -> Thread.sleep(600_000));
            sleeper.start();
            assertFalse(sleeper.join(Duration.ofMillis(300)));
            sleeper.terminate();
            assertTrue(sleeper.join(Duration.ofSeconds(30)));
            assertEquals(-15, sleeper.exitCode());

            Process killed = agents.context().process(null, () -> Thread.sleep(600_000));
            killed.start();
            killed.kill();
            assertTrue(killed.join(Duration.ofSeconds(30)));
            assertEquals(-9, killed.exitCode());

            Process interrupted = agents.context().process(null, () -> {
                try {
                    Thread.sleep(600_000);
                } finally {
                    System.out.println("finally ran");
                }
            });
            interrupted.start();
            Thread.sleep(1000);
            interrupted.interrupt();
            assertTrue(interrupted.join(Duration.ofSeconds(30)));
            assertEquals(1, interrupted.exitCode());
            assertTrue(captured.out().contains("finally ran"), captured.out());
        }
    }

    @Test
    void aProcessStartedTwiceIsRefusedAsLocally() {
        Process p = agents.context().process(null, () -> { });
        p.start();
        assertThrows(IllegalStateException.class, p::start);
        p.join();
    }
}
