package io.github.multiprocessing4j.internal.sync;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * A barrier's protocol, on its 64 bytes of shared memory (the public {@code Barrier} is a thin
 * class over it, which keeps the action and the default timeout).
 *
 * <pre>
 *   0                                                                             32
 *   +-----------------------------------------------------------------------------+
 *   | lock (RobustLock, 32 bytes): guards everything below except seq/waiters     |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | seq (futex word)  | waiters           | generation        | count             |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | broken            | parties           | broken generations (long, 64 bits)    |
 *   +-------------------+-------------------+---------------------------------------+
 *   48                  52                  56                                      64
 * </pre>
 * A party takes the lock, reads its arrival index from {@code count} and increments it. The last
 * one runs the action, starts the next {@code generation} (count 0) and wakes the others; the
 * others release the lock and sleep on {@code seq}, which every change of state bumps. A
 * timeout, {@code abort()} or a failing action set {@code broken} (for the current generation);
 * {@code reset()} with parties waiting ends their generation as broken: bit
 * {@code generation % 64} of {@code broken generations} records it, so a slow waiter that wakes
 * after the barrier moved on still learns how its own generation ended.
 */
public final class BarrierProtocol {

    /** The bytes a barrier takes. */
    public static final long SIZE = 64;
    private static final long SEQ = 32;
    private static final long WAITERS = 36;
    private static final long GENERATION = 40;
    private static final long COUNT = 44;
    private static final long BROKEN = 48;
    private static final long PARTIES = 52;
    private static final long BROKEN_GENERATIONS = 56;

    /** The barrier is (or became) broken: the message says how; the cause is a failed action's. */
    public static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BarrierProtocol() {
    }

    /**
     * Writes a new barrier's state.
     *
     * @param parties how many parties must arrive to pass
     */
    public static void init(MemorySegment m, int parties) {
        Words.setInt(m, PARTIES, parties);
    }

    /** @return the barrier's lock, at the start of its memory */
    public static RobustLock lock(MemorySegment m) {
        return new RobustLock(m, 0, "the lock of a Barrier");
    }

    /**
     * Arrives and waits for the other parties; the last to arrive runs {@code action} first.
     *
     * @return this party's arrival index
     * @throws Broken               when the barrier is or becomes broken (timeout, abort, reset,
     *                              a failed action)
     * @throws InterruptedException when interrupted (the barrier is then broken for the others)
     */
    public static int await(MemorySegment m, RobustLock lock, Runnable action, long deadline) throws Broken, InterruptedException {
        lock.acquire(Futex.FOREVER);
        int generation;
        int index;
        int seq;
        try {
            if (Words.getInt(m, BROKEN) != 0) {
                throw new Broken("the barrier is broken", null);
            }
            generation = Words.getInt(m, GENERATION);
            index = Words.getInt(m, COUNT);
            Words.setInt(m, COUNT, index + 1);
            if (index + 1 == parties(m)) {
                trip(m, action, generation);
                return index;
            }
            seq = Words.getInt(m, SEQ);
        } finally {
            lock.release();
        }
        try {
            for (;;) {
                if (Words.getInt(m, GENERATION) != generation) {
                    return outcome(m, generation, index);
                }
                if (Words.getInt(m, BROKEN) != 0) {
                    throw new Broken("the barrier was broken while this party waited", null);
                }
                if (!Futex.await(m, SEQ, WAITERS, seq, deadline)) {
                    lock.acquire(Futex.FOREVER);
                    try {
                        if (Words.getInt(m, GENERATION) != generation) {
                            return outcome(m, generation, index);
                        }
                        breakIt(m);
                    } finally {
                        lock.release();
                    }
                    throw new Broken("the barrier timed out: " + Words.getInt(m, COUNT) + " of "
                            + parties(m) + " parties had arrived", null);
                }
                seq = Words.getInt(m, SEQ);
            }
        } catch (InterruptedException e) {
            lock.acquire(Futex.FOREVER);
            try {
                if (Words.getInt(m, GENERATION) == generation) {
                    breakIt(m);
                }
            } finally {
                lock.release();
            }
            throw e;
        }
    }

    private static int outcome(MemorySegment m, int generation, int index) throws Broken {
        if ((Words.getLong(m, BROKEN_GENERATIONS) & (1L << (generation & 63))) != 0) {
            throw new Broken("the barrier was reset while this party waited", null);
        }
        return index;
    }

    /** The last party: runs the action, then starts the next generation. Lock held. */
    private static void trip(MemorySegment m, Runnable action, int generation) throws Broken {
        if (action != null) {
            try {
                action.run();
            } catch (Throwable t) {
                breakIt(m);
                throw new Broken("the barrier's action failed: " + t, t);
            }
        }
        nextGeneration(m, generation, false);
    }

    /** Lock held. */
    private static void nextGeneration(MemorySegment m, int generation, boolean endedBroken) {
        long bits = Words.getLong(m, BROKEN_GENERATIONS);
        bits = endedBroken ? bits | (1L << (generation & 63)) : bits & ~(1L << (generation & 63));
        bits &= ~(1L << ((generation + 1) & 63));
        Words.setLong(m, BROKEN_GENERATIONS, bits);
        Words.setInt(m, COUNT, 0);
        Words.setInt(m, BROKEN, 0);
        Words.setInt(m, GENERATION, generation + 1);
        bumpAndWake(m);
    }

    /** Lock held. */
    private static void breakIt(MemorySegment m) {
        Words.setInt(m, BROKEN, 1);
        bumpAndWake(m);
    }

    private static void bumpAndWake(MemorySegment m) {
        Words.getAndAddInt(m, SEQ, 1);
        Futex.wake(m, SEQ, WAITERS, Integer.MAX_VALUE);
    }

    /**
     * Python's {@code reset()}: parties waiting now end their round broken; the barrier is
     * usable again.
     *
     * @throws InterruptedException when interrupted while taking the barrier's lock
     */
    public static void reset(MemorySegment m, RobustLock lock) throws InterruptedException {
        lock.acquire(Futex.FOREVER);
        try {
            if (Words.getInt(m, COUNT) > 0 || Words.getInt(m, BROKEN) != 0) {
                nextGeneration(m, Words.getInt(m, GENERATION), true);
            }
        } finally {
            lock.release();
        }
    }

    /**
     * Python's {@code abort()}: breaks the barrier.
     *
     * @throws InterruptedException when interrupted while taking the barrier's lock
     */
    public static void abort(MemorySegment m, RobustLock lock) throws InterruptedException {
        lock.acquire(Futex.FOREVER);
        try {
            breakIt(m);
        } finally {
            lock.release();
        }
    }

    /** @return how many parties must arrive to pass */
    public static int parties(MemorySegment m) {
        return Words.getInt(m, PARTIES);
    }

    /** @return how many parties wait now (0 when broken) */
    public static int numberWaiting(MemorySegment m) {
        return isBroken(m) ? 0 : Words.getInt(m, COUNT);
    }

    /** @return whether the barrier is broken */
    public static boolean isBroken(MemorySegment m) {
        return Words.getInt(m, BROKEN) != 0;
    }
}
