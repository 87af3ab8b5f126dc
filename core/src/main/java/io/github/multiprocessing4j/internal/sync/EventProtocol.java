package io.github.multiprocessing4j.internal.sync;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * An event's futex protocol, on its 8 bytes of shared memory (the public {@code Event} is a
 * thin class over it).
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
public final class EventProtocol {

    /** The bytes an event takes. */
    public static final long SIZE = 8;
    private static final long FLAG = 0;
    private static final long WAITERS = 4;

    private EventProtocol() {
    }

    /** @return whether the event in {@code m} is set */
    public static boolean isSet(MemorySegment m) {
        return (Words.getInt(m, FLAG) & 1) != 0;
    }

    /** Sets the event and wakes every waiter (nothing happens when it is set already). */
    public static void set(MemorySegment m) {
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

    /** Clears the event. */
    public static void clear(MemorySegment m) {
        for (;;) {
            int w = Words.getInt(m, FLAG);
            if ((w & 1) == 0 || Words.casInt(m, FLAG, w, w & ~1)) {
                return;
            }
        }
    }

    /**
     * Waits until the event is set, or was set since this call began.
     *
     * @param deadline when to give up ({@link Futex#deadline})
     * @return whether it was set in time
     * @throws InterruptedException when interrupted
     */
    public static boolean await(MemorySegment m, long deadline) throws InterruptedException {
        int w = Words.getInt(m, FLAG);
        if ((w & 1) != 0) {
            return true;
        }
        return Futex.await(m, FLAG, WAITERS, w, deadline) || isSet(m);
    }
}
