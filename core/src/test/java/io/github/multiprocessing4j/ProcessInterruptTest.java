package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Process#interrupt()}, Python 3.14's: the target's thread in the child is interrupted. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessInterruptTest {

    @Test
    void anInterruptedTargetRunsItsFinallyBlocksAndExitsWithOne() {
        Event sleeping = Multiprocessing.event();
        try (Capture io = new Capture()) {
            Process p = new Process(() -> {
                try {
                    sleeping.set();
                    Thread.sleep(60_000);
                } finally {
                    System.out.println("cleaned up");
                }
            });
            p.start();
            assertTrue(sleeping.await(Duration.ofSeconds(30)));
            p.interrupt();
            p.join();
            assertEquals(1, p.exitCode());
            assertTrue(io.out().contains("cleaned up"), io.out());
            assertTrue(io.err().contains("java.lang.InterruptedException"), io.err());
        }
    }

    @Test
    void aTargetThatHandlesTheInterruptEndsNormally() {
        Event sleeping = Multiprocessing.event();
        Process p = new Process(() -> {
            sleeping.set();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return; // handled
            }
            System.exit(3);
        });
        p.start();
        assertTrue(sleeping.await(Duration.ofSeconds(30)));
        p.interrupt();
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void anInterruptSentRightAfterStartIsNotLost() {
        try (Capture io = new Capture()) {
            Process p = new Process(() -> Thread.sleep(60_000));
            p.start();
            p.interrupt(); // most likely before the child's target runs: kept for it
            assertTrue(p.join(Duration.ofSeconds(60)), "the interrupt was lost: the target slept on");
            assertEquals(1, p.exitCode());
            assertTrue(io.err().contains("java.lang.InterruptedException"), io.err());
        }
    }

    @Test
    void aWarmProcessIsInterruptedAndItsJvmServesTheNextOne() {
        Context warm = Multiprocessing.getContext("warm");
        try (Capture io = new Capture()) {
            Event sleeping = warm.event();
            Process p = warm.process(() -> {
                sleeping.set();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    System.out.println("interrupted");
                }
            });
            p.start();
            assertTrue(sleeping.await(Duration.ofSeconds(30)));
            p.interrupt();
            p.join();
            assertEquals(0, p.exitCode());
            assertTrue(io.out().contains("interrupted"), io.out());
            Process next = warm.process(() -> Thread.sleep(200)); // not interrupted by the earlier one
            next.start();
            next.join();
            assertEquals(0, next.exitCode());
        } finally {
            io.github.multiprocessing4j.internal.runtime.WarmPool.get().shutdown();
        }
    }

    @Test
    void interruptBeforeStartIsRefusedAndAfterTheEndDoesNothing() {
        Process p = new Process(() -> { });
        assertThrows(IllegalStateException.class, p::interrupt);
        p.start();
        p.join();
        p.interrupt();
        assertEquals(0, p.exitCode());
    }
}
