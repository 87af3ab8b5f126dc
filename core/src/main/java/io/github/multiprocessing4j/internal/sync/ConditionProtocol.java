package io.github.multiprocessing4j.internal.sync;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * A condition's futex protocol, on its 20 bytes of shared memory, over the robust lock of its
 * {@code Lock} or {@code RLock} (the public {@code Condition} is a thin class over it).
 *
 * <pre>
 *   0                   4                   8                   12                  16                  20
 *   +-------------------+-------------------+-------------------+-------------------+-------------------+
 *   | seq (futex word)  | waiters           | generation        | sleepers          | permits           |
 *   +-------------------+-------------------+-------------------+-------------------+-------------------+
 * </pre>
 * A waiter, holding the lock, notes the {@code generation} and counts itself in
 * {@code sleepers}; then it releases the lock and sleeps on {@code seq}. {@code signal(n)},
 * holding the lock, moves {@code k = min(n, sleepers)} from {@code sleepers} to {@code permits},
 * advances {@code generation}, bumps {@code seq} and wakes the sleepers. A waiter whose noted
 * generation is older than the current one may take a permit (CAS); the others sleep on. So a
 * signal wakes exactly {@code k} threads, all of which were waiting when it was sent. A waiter
 * that times out settles with the lock held again: it takes a permit if one is left for it
 * (it was signalled after all), else it removes itself from {@code sleepers}.
 *
 * <p>A waiting process that dies stays counted in {@code sleepers}; a later signal may then
 * issue a permit for it that nobody takes at once, and a waiter of a later signal takes it:
 * that {@code signal(n)} wakes one waiter more than {@code n}. Nothing hangs on it, and waiting
 * in a loop that re-checks the state ({@code Condition.waitFor}) makes it harmless.
 */
public final class ConditionProtocol {

    /** The bytes a condition takes. */
    public static final long SIZE = 20;
    private static final long SEQ = 0;
    private static final long WAITERS = 4;
    private static final long GENERATION = 8;
    private static final long SLEEPERS = 12;
    private static final long PERMITS = 16;

    private ConditionProtocol() {
    }

    /**
     * Releases {@code lock} (all its levels), waits for a signal until the deadline, and takes
     * the lock back before it returns, whatever happens.
     *
     * @return whether it was signalled
     * @throws InterruptedException when interrupted before a signal (signalled and interrupted:
     *                              it returns true with the thread's interrupt flag set)
     * @throws IllegalMonitorStateException when this thread does not hold {@code lock}
     */
    public static boolean await(MemorySegment m, RobustLock lock, long deadline) throws InterruptedException {
        lock.requireHeld("wait on a Condition: its lock");
        int generation = Words.getInt(m, GENERATION);
        Words.getAndAddInt(m, SLEEPERS, 1);
        int levels = lock.releaseFully();
        boolean signalled = false;
        InterruptedException interrupt = null;
        try {
            for (;;) {
                int seq = Words.getInt(m, SEQ);
                if (takePermit(m, generation)) {
                    signalled = true;
                    break;
                }
                if (!Futex.await(m, SEQ, WAITERS, seq, deadline)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupt = e;
        } finally {
            lock.restore(levels);
        }
        if (!signalled) {
            if (takePermit(m, generation)) {
                signalled = true;
            } else {
                Words.getAndAddInt(m, SLEEPERS, -1);
            }
        }
        if (interrupt != null) {
            if (!signalled) {
                throw interrupt;
            }
            Thread.currentThread().interrupt(); // signalled too: keep the signal, report the interrupt by the flag
        }
        return signalled;
    }

    private static boolean takePermit(MemorySegment m, int generation) {
        for (;;) {
            if (Words.getInt(m, GENERATION) - generation <= 0) {
                return false; // no signal since this waiter began
            }
            int permits = Words.getInt(m, PERMITS);
            if (permits <= 0) {
                return false;
            }
            if (Words.casInt(m, PERMITS, permits, permits - 1)) {
                return true;
            }
        }
    }

    /**
     * Wakes up to {@code n} of the threads waiting now.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     * @throws IllegalMonitorStateException when this thread does not hold {@code lock}
     */
    public static void signal(MemorySegment m, RobustLock lock, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        lock.requireHeld("signal a Condition: its lock");
        int k = Math.min(n, Words.getInt(m, SLEEPERS));
        if (k <= 0) {
            return;
        }
        Words.getAndAddInt(m, SLEEPERS, -k);
        Words.getAndAddInt(m, PERMITS, k);
        Words.getAndAddInt(m, GENERATION, 1);
        Words.getAndAddInt(m, SEQ, 1);
        Futex.wake(m, SEQ, WAITERS, Integer.MAX_VALUE);
    }

    /** @return how many threads wait (a dead waiter stays counted: see the class comment) */
    public static int sleepers(MemorySegment m) {
        return Words.getInt(m, SLEEPERS);
    }
}
