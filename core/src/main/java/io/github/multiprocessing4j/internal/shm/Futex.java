package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Waiting for a word of shared memory to change, and waking the waiters: the one blocking
 * primitive every shared-memory object is built from.
 *
 * <p>A blocking structure reserves two adjacent or separate 4-byte-aligned ints in its layout:
 * the <em>word</em> whose change means "look again" (a lock's owner, a semaphore's count, an
 * event's flag, a sequence number bumped by every signal) and a <em>waiters</em> count. The
 * waiting side spins briefly, then registers in the waiters count and sleeps on the word
 * ({@link Waiter}: futex, or parking); the changing side changes the word first, then calls
 * {@link #wake}, which makes the system call only when the waiters count is not zero. Both
 * sides use volatile (sequentially consistent) accesses, so either the waker sees the waiter
 * registered or the waiter sees the changed word: no wake-up is lost.
 *
 * <pre>{@code
 * // waiting until a flag at FLAG is set, at most 5 seconds
 * long deadline = Futex.deadline(Duration.ofSeconds(5));
 * while (Words.getInt(memory, FLAG) == 0) {
 *     if (!Futex.await(memory, FLAG, WAITERS, 0, deadline)) {
 *         return false;                         // timed out
 *     }
 * }
 * // setting it
 * Words.setInt(memory, FLAG, 1);
 * Futex.wake(memory, FLAG, WAITERS, Integer.MAX_VALUE);
 * }</pre>
 *
 * <p>Deadlines are absolute {@link System#nanoTime()} values; {@link #FOREVER} means none. A
 * single sleep lasts at most {@link #SLICE_NANOS}, so that interrupts are noticed and callers
 * that must re-check something else (the liveness of a lock's owner) can do so by passing a
 * nearer deadline. A process that dies while registered leaves the waiters count too high; that
 * costs later wakers a system call each, never a lost wake-up. When a process of the run cannot
 * use futex ({@link Pollers}), sleeps are short and growing (50 µs to 1.6 ms) instead.
 */
public final class Futex {

    /** The deadline meaning "no deadline". */
    public static final long FOREVER = Long.MAX_VALUE;
    /** The longest single sleep: how late an interrupt is noticed at worst. */
    public static final long SLICE_NANOS = 100_000_000L;
    private static final int SPINS = 100;
    private static final int YIELDS = 4;

    private Futex() {
    }

    /** @return the deadline {@code timeout} from now; {@link #FOREVER} for null */
    public static long deadline(Duration timeout) {
        if (timeout == null) {
            return FOREVER;
        }
        return deadline(saturatedNanos(timeout));
    }

    /** @return the deadline {@code nanos} from now (zero or negative: now) */
    public static long deadline(long nanos) {
        long now = System.nanoTime();
        long d = now + Math.max(0, nanos);
        return d - now < 0 || d == FOREVER ? FOREVER - 1 : d;
    }

    /** @return how many nanoseconds are left until {@code deadline}; {@link Long#MAX_VALUE} for FOREVER */
    public static long remaining(long deadline) {
        return deadline == FOREVER ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    /** @return the earlier of {@code deadline} and {@code nanos} from now */
    public static long earlier(long deadline, long nanos) {
        return sooner(deadline, deadline(nanos));
    }

    /** @return the sooner of two deadlines ({@link #FOREVER} is later than any other) */
    public static long sooner(long a, long b) {
        if (a == FOREVER) {
            return b;
        }
        if (b == FOREVER) {
            return a;
        }
        return a - b < 0 ? a : b;
    }

    /**
     * Waits until the word at {@code word} no longer holds {@code expected} or the deadline
     * passes. Spins briefly, then sleeps registered in the waiters count.
     *
     * @param memory   the mapped memory
     * @param word     offset of the word, 4-byte aligned
     * @param waiters  offset of the waiters count, 4-byte aligned
     * @param expected the value the caller saw, which made it wait
     * @param deadline absolute {@code System.nanoTime()} deadline, or {@link #FOREVER}
     * @return true when the word changed (or may have: callers re-check), false when the deadline passed
     * @throws InterruptedException when the thread is interrupted (the flag is cleared, as usual)
     */
    public static boolean await(MemorySegment memory, long word, long waiters, int expected, long deadline)
            throws InterruptedException {
        for (int i = 0; i < SPINS + YIELDS; i++) {
            if (Words.getInt(memory, word) != expected) {
                return true;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Waiter waiter = Waiter.forCurrentThread();
        // Short, growing sleeps when this thread polls, or when a process of the run does and so
        // cannot wake a futex sleeper; otherwise a futex sleep that a wake ends.
        boolean polling = polls();
        int sleeps = 0;
        Words.getAndAddInt(memory, waiters, 1);
        try {
            while (Words.getInt(memory, word) == expected) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                long slice = polling ? Waiter.Parking.parkNanos(sleeps++) : SLICE_NANOS;
                waiter.sleep(memory, word, expected, Math.min(left, slice));
            }
            return true;
        } finally {
            Words.getAndAddInt(memory, waiters, -1);
        }
    }

    /**
     * Sleeps once while the word at {@code word} holds {@code expected}, registered in the waiters
     * count: for a waiter that re-checks its condition after every wake-up and spins on its own
     * (a lock's). Unlike {@link #await} it does not spin first and returns after one sleep, woken
     * or not, so that a woken thread leaves the waiters count at once and a waker that checks the
     * count makes no further system calls for it. Where sleeps must poll ({@link #polls()}), use
     * {@link #await} instead.
     *
     * @return false when the deadline passed, true otherwise (the word may or may not have changed)
     * @throws InterruptedException when the thread is interrupted (the flag is cleared, as usual)
     */
    public static boolean sleepOnce(MemorySegment memory, long word, long waiters, int expected, long deadline)
            throws InterruptedException {
        Words.getAndAddInt(memory, waiters, 1);
        try {
            if (Words.getInt(memory, word) != expected) {
                return true;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = remaining(deadline);
            if (left <= 0) {
                return false;
            }
            Waiter.get().sleep(memory, word, expected, Math.min(left, SLICE_NANOS));
            return true;
        } finally {
            Words.getAndAddInt(memory, waiters, -1);
        }
    }

    /**
     * @return whether the calling thread's sleeps on shared memory must poll (short, growing
     *         sleeps that re-read the word) instead of waiting for a futex wake: a virtual thread,
     *         a JVM without futex, or a run where such a process may change the word
     */
    public static boolean polls() {
        return Waiter.forCurrentThread() instanceof Waiter.Parking || Pollers.inRun();
    }

    /**
     * Wakes up to {@code count} threads waiting on {@code word}, if the waiters count says any
     * sleep. Call it after changing the word.
     *
     * @param memory  the mapped memory
     * @param word    offset of the word
     * @param waiters offset of the waiters count
     * @param count   how many to wake; {@link Integer#MAX_VALUE} for all
     */
    public static void wake(MemorySegment memory, long word, long waiters, int count) {
        if (Words.getInt(memory, waiters) > 0) {
            Waiter.get().wake(memory, word, count);
        }
    }

    /** @return {@code timeout} in nanoseconds, saturated at {@link Long#MAX_VALUE}; negative as zero */
    public static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
