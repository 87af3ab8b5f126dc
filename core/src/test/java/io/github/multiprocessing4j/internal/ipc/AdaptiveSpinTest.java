package io.github.multiprocessing4j.internal.ipc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipe receiver's spin budget: grows on near misses, decays slowly, resets when idle, stays in bounds. */
class AdaptiveSpinTest {

    private static final long US = 1_000;

    @Test
    void anIdleReceiverSpinsTheFloor() {
        AdaptiveSpin spin = new AdaptiveSpin(20 * US, 100 * US);
        assertEquals(20 * US, spin.budget());
        spin.waited(5_000 * US);
        assertEquals(20 * US, spin.budget(), "a long wait: back to the floor");
    }

    @Test
    void aReplyJustAfterFallingAsleepLengthensTheSpinUpToTheCeiling() {
        AdaptiveSpin spin = new AdaptiveSpin(20 * US, 100 * US);
        spin.waited(35 * US); // slept, woken 15 µs later: a longer spin would have caught it
        assertEquals(70 * US, spin.budget());
        spin.waited(90 * US);
        assertEquals(100 * US, spin.budget(), "never above the ceiling");
        spin.waited(150 * US);
        assertEquals(20 * US, spin.budget(), "a wait beyond the ceiling means the sender is slow or idle");
    }

    @Test
    void quickRepliesShrinkTheSpinSlowlyNeverBelowTheFloor() {
        AdaptiveSpin spin = new AdaptiveSpin(20 * US, 100 * US);
        spin.waited(60 * US);
        assertEquals(100 * US, spin.budget());
        spin.waited(1 * US);
        long once = spin.budget();
        assertTrue(once < 100 * US && once > 80 * US, "one quick reply shrinks it by an eighth of the gap: " + once);
        for (int i = 0; i < 100; i++) {
            spin.waited(1 * US);
        }
        assertEquals(20 * US, spin.budget());
    }

    @Test
    void theBudgetNeverExceedsTheTimeLeftAndZeroMeansNoSpin() {
        AdaptiveSpin spin = new AdaptiveSpin(20 * US, 100 * US);
        assertEquals(5 * US, spin.budget(5 * US));
        assertEquals(0, spin.budget(-1));
        assertEquals(20 * US, spin.budget(Long.MAX_VALUE));
        AdaptiveSpin never = new AdaptiveSpin(20 * US, 0);
        never.waited(10 * US);
        assertEquals(0, never.budget(Long.MAX_VALUE), "a ceiling of 0 (mp4j.pipe.spinNanos=0) never spins");
    }
}
