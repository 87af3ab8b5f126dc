package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.Words;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@link Semaphore} in shared memory (block tag "sem").
 *
 * <h2>Layout</h2>
 * <pre>
 *   0                   4                   8                   12
 *   +-------------------+-------------------+-------------------+
 *   | value (futex word)| waiters           | bound, -1: none   |
 *   +-------------------+-------------------+-------------------+
 * </pre>
 * {@code acquire} decrements {@code value} by CAS when it is positive, else sleeps on it;
 * {@code release} increments it (refusing to pass {@code bound}) and wakes one sleeper.
 */
final class SharedSemaphore implements Semaphore, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String TAG = "sem";
    private static final long VALUE = 0;
    private static final long WAITERS = 4;
    private static final long BOUND = 8;

    private final transient SharedHeap.Block block;

    SharedSemaphore(SharedHeap.Block block) {
        this.block = block;
    }

    static SharedSemaphore create(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value cannot be negative: " + value);
        }
        return new SharedSemaphore(SharedHeap.allocate(TAG, 12, memory -> {
            Words.setInt(memory, VALUE, value);
            Words.setInt(memory, BOUND, bounded ? value : -1);
        }));
    }

    @Override
    public boolean acquire() {
        return Blocking.run("acquiring a semaphore", Futex.FOREVER, this::acquireBy);
    }

    @Override
    public boolean acquire(boolean block) {
        return block ? acquire() : Blocking.run("acquiring a semaphore", Blocking.now(), this::acquireBy);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return Blocking.run("acquiring a semaphore", Blocking.deadline(timeout), this::acquireBy);
    }

    private boolean acquireBy(long deadline) throws InterruptedException {
        var m = block.memory();
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

    @Override
    public void release() {
        var m = block.memory();
        int bound = Words.getInt(m, BOUND);
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

    @Override
    public int getValue() {
        return Words.getInt(block.memory(), VALUE);
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of("semaphore", block, TAG, 0, null);
    }

    @Override
    public String toString() {
        int bound = Words.getInt(block.memory(), BOUND);
        return bound < 0 ? "Semaphore(value=" + getValue() + ")" : "BoundedSemaphore(value=" + getValue() + ", maxvalue=" + bound + ")";
    }
}
