package io.github.multiprocessing4j;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes: Python's {@code multiprocessing.Condition}, with
 * Java's names ({@code wait → await}, {@code notify → signal}, {@code notify_all → signalAll}).
 * It has a lock (an {@link RLock} of its own unless one is given to
 * {@link Multiprocessing#condition(Lock)}); the waiting and signalling methods need it held.
 *
 * <pre>{@code
 * Condition cond = Multiprocessing.condition();
 * Value state = Multiprocessing.rawValue('i', 0);
 * Process p = new Process(() -> {
 *     cond.acquire();
 *     try {
 *         state.setInt(1);
 *         cond.signalAll();
 *     } finally {
 *         cond.release();
 *     }
 * });
 * p.start();
 * cond.acquire();
 * try {
 *     boolean ok = cond.waitFor(() -> state.getInt() == 1, Duration.ofSeconds(10));
 * } finally {
 *     cond.release();
 * }
 * }</pre>
 *
 * <p>{@code await} releases the lock (every level of a recursive hold), sleeps until signalled,
 * then takes the lock back before returning, even after a timeout or an interrupt. A signal
 * wakes threads that were waiting when it was sent, never one that starts waiting later.
 * Spurious wake-ups do not happen, but the state may have changed again by the time the waker
 * has the lock: re-check it, or use {@link #waitFor}.
 */
public interface Condition {

    /**
     * Acquires the condition's lock.
     *
     * @return {@code true}
     */
    boolean acquire();

    /** Releases the condition's lock (as its {@link Lock#release()}). */
    void release();

    /**
     * Releases the lock, waits until signalled, takes the lock back.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     * @throws ProcessException             when interrupted (the lock is held again)
     */
    void await();

    /**
     * As {@link #await()}, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return {@code false} when the time ran out without a signal
     */
    boolean await(Duration timeout);

    /**
     * Wakes one waiting thread, if any.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    void signal();

    /**
     * Wakes up to {@code n} waiting threads.
     *
     * @param n how many; not negative
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    void signal(int n);

    /**
     * Wakes every waiting thread.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    void signalAll();

    /**
     * Python's {@code wait_for}: waits, as often as needed, until {@code predicate} holds or the
     * time runs out. The predicate is evaluated with the lock held.
     *
     * @param predicate what to wait for
     * @param timeout   how long to wait at most; {@code null} for no limit
     * @return the predicate's last value
     */
    boolean waitFor(BooleanSupplier predicate, Duration timeout);

    /**
     * Python's {@code wait_for(predicate)}: waits, as often as needed, until {@code predicate}
     * holds.
     *
     * @param predicate what to wait for, evaluated with the lock held
     * @return {@code true}
     */
    default boolean waitFor(BooleanSupplier predicate) {
        return waitFor(predicate, null);
    }

    /**
     * Acquires the lock for a try-with-resources block, which releases it.
     *
     * @return what releases the lock when closed
     */
    default Lock.Held acquired() {
        acquire();
        return this::release;
    }
}
