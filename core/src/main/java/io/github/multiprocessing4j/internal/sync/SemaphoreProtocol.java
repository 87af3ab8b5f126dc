package io.github.multiprocessing4j.internal.sync;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * A semaphore's futex protocol, on its 12 bytes of shared memory (the public {@code Semaphore}
 * is a thin class over it).
 * <pre>
 *   0                   4                   8                   12
 *   +-------------------+-------------------+-------------------+
 *   | value (futex word)| waiters           | bound, -1: none   |
 *   +-------------------+-------------------+-------------------+
 * </pre>
 * {@code acquire} decrements {@code value} by CAS when it is positive, else sleeps on it;
 * {@code release} increments it (refusing to pass {@code bound}) and wakes one sleeper.
 */
public final class SemaphoreProtocol {

    /** The bytes a semaphore takes. */
    public static final long SIZE = 12;
    private static final long VALUE = 0;
    private static final long WAITERS = 4;
    private static final long BOUND = 8;

    private SemaphoreProtocol() {
    }

    /**
     * Writes a new semaphore's state.
     *
     * @param value   its permits
     * @param bounded whether a release above {@code value} is refused
     */
    public static void init(MemorySegment m, int value, boolean bounded) {
        Words.setInt(m, VALUE, value);
        Words.setInt(m, BOUND, bounded ? value : -1);
    }

    /**
     * Takes a permit, waiting for one until the deadline.
     *
     * @return whether a permit was taken
     * @throws InterruptedException when interrupted
     */
    public static boolean acquire(MemorySegment m, long deadline) throws InterruptedException {
        for (;;) {
            int v = Words.getInt(m, VALUE);
            if (v > 0) {
                if (Words.casInt(m, VALUE, v, v - 1)) {
                    return true;
                }
                continue;
            }
            if (Futex.remaining(deadline) <= 0) {
                return false;
            }
            Futex.await(m, VALUE, WAITERS, v, deadline);
        }
    }

    /**
     * Gives a permit back and wakes one waiter.
     *
     * @throws IllegalStateException when a bounded semaphore would go above its bound
     */
    public static void release(MemorySegment m) {
        int bound = bound(m);
        for (;;) {
            int v = Words.getInt(m, VALUE);
            if (bound >= 0 && v >= bound) {
                throw new IllegalStateException("semaphore released too many times: a bounded semaphore cannot go above its"
                        + " initial value " + bound);
            }
            if (v == Integer.MAX_VALUE) {
                throw new IllegalStateException("semaphore released too many times: its value is at the maximum " + v);
            }
            if (Words.casInt(m, VALUE, v, v + 1)) {
                Futex.wake(m, VALUE, WAITERS, 1);
                return;
            }
        }
    }

    /** @return the free permits */
    public static int value(MemorySegment m) {
        return Words.getInt(m, VALUE);
    }

    /** @return the bound of a bounded semaphore, -1 for none */
    public static int bound(MemorySegment m) {
        return Words.getInt(m, BOUND);
    }
}
