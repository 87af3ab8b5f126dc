package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.Words;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@link Event} in shared memory (block tag "event").
 *
 * <h2>Layout</h2>
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | state (futex word)| waiters           |
 *   +-------------------+-------------------+
 * </pre>
 * {@code state}: bit 0 is the flag; the bits above count the times it was set. Setting changes
 * the word (count and flag) and wakes the sleepers; clearing changes only bit 0. So a waiter
 * that saw the event unset knows that any change of the word was a {@code set()}, even one
 * undone by a {@code clear()} before it looked again: it returns {@code true}, as Python's does.
 */
final class SharedEvent implements Event, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String TAG = "event";
    private static final long FLAG = 0;
    private static final long WAITERS = 4;

    private final transient SharedHeap.Block block;

    SharedEvent(SharedHeap.Block block) {
        this.block = block;
    }

    static SharedEvent create() {
        return new SharedEvent(SharedHeap.allocate(TAG, 8, memory -> { }));
    }

    @Override
    public boolean isSet() {
        return (Words.getInt(block.memory(), FLAG) & 1) != 0;
    }

    @Override
    public void set() {
        var m = block.memory();
        for (;;) {
            int w = Words.getInt(m, FLAG);
            if ((w & 1) != 0) {
                return;
            }
            if (Words.casInt(m, FLAG, w, (w + 2) | 1)) {
                Futex.wake(m, FLAG, WAITERS, Integer.MAX_VALUE);
                return;
            }
        }
    }

    @Override
    public void clear() {
        var m = block.memory();
        for (;;) {
            int w = Words.getInt(m, FLAG);
            if ((w & 1) == 0 || Words.casInt(m, FLAG, w, w & ~1)) {
                return;
            }
        }
    }

    @Override
    public boolean await() {
        return Blocking.run("waiting for an event", Futex.FOREVER, this::awaitBy);
    }

    @Override
    public boolean await(Duration timeout) {
        return Blocking.run("waiting for an event", Blocking.deadline(timeout), this::awaitBy);
    }

    private boolean awaitBy(long deadline) throws InterruptedException {
        int w = Words.getInt(block.memory(), FLAG);
        if ((w & 1) != 0) {
            return true;
        }
        return Futex.await(block.memory(), FLAG, WAITERS, w, deadline) || isSet();
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of("event", block, TAG, 0, null);
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
