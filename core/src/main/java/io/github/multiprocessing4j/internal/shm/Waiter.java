package io.github.multiprocessing4j.internal.shm;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread sleeps until a 32-bit word of shared memory changes, and how it is woken: the
 * operating-system part of every blocking call on shared memory.
 *
 * <p>Two strategies stand behind this one interface:
 * <ul>
 *   <li>{@link FutexWaiter}: Linux {@code futex(2)} through the foreign-function API, without the
 *       private flag, so that it works across processes mapping the same file. Used on Linux
 *       (x86_64, aarch64) when native access is enabled for the library's module
 *       ({@code --enable-native-access=ALL-UNNAMED}, which child JVMs always get).</li>
 *   <li>The portable fallback: parks ({@link LockSupport#parkNanos}) that re-read the word,
 *       from 50 µs doubling to 1.6 ms. {@link #wake} is then a no-op: a sleeper notices a change
 *       within one park. Futex sleepers in other processes, which this strategy cannot wake,
 *       learn that the run has a poller ({@link Pollers}) and then sleep in short slices too. Chosen (and
 *       said once through {@code System.Logger}) when the futex cannot be used; it never makes a
 *       restricted call, so the JDK prints no native-access warning into the user's JVM.</li>
 * </ul>
 *
 * <p>A virtual thread always uses the parking strategy ({@link #forCurrentThread()}): a futex wait
 * would hold its carrier thread for the whole sleep.
 *
 * <p>Most code should not call a {@code Waiter} directly but {@link Futex}, which spins first,
 * keeps the waiter count that lets a waker skip the system call, and handles deadlines and
 * interrupts.
 */
public abstract sealed class Waiter permits FutexWaiter, Waiter.Parking {

    static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private static final Parking PARKING = new Parking();
    private static final Waiter INSTANCE = choose();

    Waiter() {
    }

    /** @return the waiter this JVM uses */
    public static Waiter get() {
        return INSTANCE;
    }

    /**
     * @return the waiter for the calling thread: {@link #get()}, except that a virtual thread
     *         always parks, so that it never pins its carrier thread in a system call
     */
    public static Waiter forCurrentThread() {
        return Thread.currentThread().isVirtual() ? PARKING : INSTANCE;
    }

    /**
     * Sleeps while the int at {@code offset} holds {@code expected}, at most {@code nanos}.
     * Returns early, without saying why, when the word changed, when woken, or spuriously:
     * callers always re-check their condition.
     *
     * @param memory   the mapped memory
     * @param offset   the word's offset, 4-byte aligned
     * @param expected the value the caller saw
     * @param nanos    the longest sleep, positive
     */
    public abstract void sleep(MemorySegment memory, long offset, int expected, long nanos);

    /**
     * Wakes up to {@code count} threads, in any process, sleeping on the word at {@code offset}.
     *
     * @param memory the mapped memory
     * @param offset the word's offset, 4-byte aligned
     * @param count  how many to wake; {@link Integer#MAX_VALUE} for all
     */
    public abstract void wake(MemorySegment memory, long offset, int count);

    /** @return {@code "futex"} or {@code "park"} */
    public abstract String strategy();

    private static Waiter choose() {
        String why = FutexWaiter.unavailableReason();
        if (why == null) {
            try {
                return new FutexWaiter();
            } catch (Throwable t) {
                why = "the futex call could not be linked (" + t + ")";
            }
        }
        LOG.log(Level.INFO, "multiprocessing4j: shared-memory waits use short parks instead of futex: " + why
                + ". Locks, events and queues work the same, with a little more latency and CPU while waiting.");
        return PARKING;
    }

    /** The portable strategy: park briefly and let the caller re-read the word. */
    static final class Parking extends Waiter {

        /** The first park of a wait. */
        static final long MIN_PARK_NANOS = 50_000;
        /** The longest single park: the latency of a wake-up in the worst case. */
        static final long MAX_PARK_NANOS = 1_600_000;

        /** @return how long the {@code n}-th park of one wait lasts: doubling from 50 µs to 1.6 ms */
        static long parkNanos(int n) {
            return n >= 5 ? MAX_PARK_NANOS : MIN_PARK_NANOS << n;
        }

        @Override
        public void sleep(MemorySegment memory, long offset, int expected, long nanos) {
            if (Words.getInt(memory, offset) == expected) {
                LockSupport.parkNanos(Math.min(nanos, MAX_PARK_NANOS));
            }
        }

        @Override
        public void wake(MemorySegment memory, long offset, int count) {
            // sleepers poll: nothing to do
        }

        @Override
        public String strategy() {
            return "park";
        }
    }
}
