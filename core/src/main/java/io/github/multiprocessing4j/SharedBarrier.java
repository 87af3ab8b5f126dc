package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.Words;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@link Barrier} in shared memory (block tag "barrier").
 *
 * <h2>Layout</h2>
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
final class SharedBarrier implements Barrier, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String TAG = "barrier";
    private static final long SEQ = 32;
    private static final long WAITERS = 36;
    private static final long GENERATION = 40;
    private static final long COUNT = 44;
    private static final long BROKEN = 48;
    private static final long PARTIES = 52;
    private static final long BROKEN_GENERATIONS = 56;

    /**
     * What is not in shared memory: the action and the default timeout (null: none).
     *
     * @param timeout how long to wait
     * @param action run once per round by the last party to arrive, before any is released; may be null
     */
    record Config(SerializableRunnable action, Duration timeout) implements Serializable {
    }

    private final transient SharedHeap.Block block;
    private final transient RobustLock lock;
    private final transient Config config;

    SharedBarrier(SharedHeap.Block block, Config config) {
        this.block = block;
        this.config = config;
        this.lock = new RobustLock(block.memory(), 0, "the lock of a Barrier");
    }

    static SharedBarrier create(int parties, SerializableRunnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        return new SharedBarrier(SharedHeap.allocate(TAG, 64, memory -> Words.setInt(memory, PARTIES, parties)),
                new Config(action, timeout));
    }

    @Override
    public int await() {
        return awaitUntil(config.timeout() == null ? Futex.FOREVER : Futex.deadline(config.timeout()));
    }

    @Override
    public int await(Duration timeout) {
        return awaitUntil(Blocking.deadline(timeout));
    }

    private int awaitUntil(long deadline) {
        var m = block.memory();
        lockIt();
        int generation;
        int index;
        int seq;
        try {
            if (Words.getInt(m, BROKEN) != 0) {
                throw new BarrierBrokenException("the barrier is broken");
            }
            generation = Words.getInt(m, GENERATION);
            index = Words.getInt(m, COUNT);
            Words.setInt(m, COUNT, index + 1);
            if (index + 1 == getParties()) {
                trip(generation);
                return index;
            }
            seq = Words.getInt(m, SEQ);
        } finally {
            lock.release();
        }
        try {
            for (;;) {
                if (Words.getInt(m, GENERATION) != generation) {
                    return outcome(generation, index);
                }
                if (Words.getInt(m, BROKEN) != 0) {
                    throw new BarrierBrokenException("the barrier was broken while this party waited");
                }
                if (!Futex.await(m, SEQ, WAITERS, seq, deadline)) {
                    lockIt();
                    try {
                        if (Words.getInt(m, GENERATION) != generation) {
                            return outcome(generation, index);
                        }
                        breakIt();
                    } finally {
                        lock.release();
                    }
                    throw new BarrierBrokenException("the barrier timed out: " + Words.getInt(m, COUNT) + " of "
                            + getParties() + " parties had arrived");
                }
                seq = Words.getInt(m, SEQ);
            }
        } catch (InterruptedException e) {
            lockIt();
            try {
                if (Words.getInt(m, GENERATION) == generation) {
                    breakIt();
                }
            } finally {
                lock.release();
            }
            throw ProcessException.interrupted("waiting at a barrier", e);
        }
    }

    private int outcome(int generation, int index) {
        if ((Words.getLong(block.memory(), BROKEN_GENERATIONS) & (1L << (generation & 63))) != 0) {
            throw new BarrierBrokenException("the barrier was reset while this party waited");
        }
        return index;
    }

    /** The last party: runs the action, then starts the next generation. Lock held. */
    private void trip(int generation) {
        if (config.action() != null) {
            try {
                config.action().run();
            } catch (Throwable t) {
                breakIt();
                throw new BarrierBrokenException("the barrier's action failed: " + t, t);
            }
        }
        nextGeneration(generation, false);
    }

    /** Lock held. */
    private void nextGeneration(int generation, boolean endedBroken) {
        var m = block.memory();
        long bits = Words.getLong(m, BROKEN_GENERATIONS);
        bits = endedBroken ? bits | (1L << (generation & 63)) : bits & ~(1L << (generation & 63));
        bits &= ~(1L << ((generation + 1) & 63));
        Words.setLong(m, BROKEN_GENERATIONS, bits);
        Words.setInt(m, COUNT, 0);
        Words.setInt(m, BROKEN, 0);
        Words.setInt(m, GENERATION, generation + 1);
        bumpAndWake();
    }

    /** Lock held. */
    private void breakIt() {
        Words.setInt(block.memory(), BROKEN, 1);
        bumpAndWake();
    }

    private void bumpAndWake() {
        Words.getAndAddInt(block.memory(), SEQ, 1);
        Futex.wake(block.memory(), SEQ, WAITERS, Integer.MAX_VALUE);
    }

    private void lockIt() {
        Blocking.run("taking a barrier's lock", Futex.FOREVER, lock::acquire);
    }

    @Override
    public void reset() {
        var m = block.memory();
        lockIt();
        try {
            if (Words.getInt(m, COUNT) > 0 || Words.getInt(m, BROKEN) != 0) {
                nextGeneration(Words.getInt(m, GENERATION), true);
            }
        } finally {
            lock.release();
        }
    }

    @Override
    public void abort() {
        lockIt();
        try {
            breakIt();
        } finally {
            lock.release();
        }
    }

    @Override
    public int getParties() {
        return Words.getInt(block.memory(), PARTIES);
    }

    @Override
    public int getNumberWaiting() {
        return isBroken() ? 0 : Words.getInt(block.memory(), COUNT);
    }

    @Override
    public boolean isBroken() {
        return Words.getInt(block.memory(), BROKEN) != 0;
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of("barrier", block, TAG, 0, config);
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + getParties() + ", waiting=" + getNumberWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
