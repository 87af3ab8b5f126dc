package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A barrier for a fixed number of parties, across processes: Python's
 * {@code multiprocessing.Barrier} ({@code threading.Barrier}'s rules). Each party calls
 * {@link #await()}; when the last arrives, the optional action runs (in the last party's
 * process), all are released, and the barrier is ready for the next round.
 *
 * <pre>{@code
 * Barrier barrier = Multiprocessing.barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     new Process(() -> {
 *         loadMyPart();
 *         int arrival = barrier.await();    // 0 for the first to arrive, 2 for the last
 *         computeWithEverything();
 *     }).start();
 * }
 * }</pre>
 *
 * <h2>Breaking</h2>
 * The barrier <em>breaks</em> when a wait times out, when {@link #abort()} is called, when the
 * action throws, or when {@link #reset()} is called while parties wait: every party waiting then
 * gets {@link BarrierBrokenException}, and so does every later {@code await} until
 * {@link #reset()}.
 *
 * <p>A party that dies while waiting is not noticed (as in Python): give {@code await} a timeout,
 * or the barrier a default one, where a party may be killed.
 */
public interface Barrier {

    /**
     * Waits until all parties have called {@code await} (or the barrier's default timeout, if it
     * has one, runs out).
     *
     * @return the arrival index: 0 for the first party, {@code parties - 1} for the last
     * @throws BarrierBrokenException when the barrier is or becomes broken
     * @throws ProcessException       when interrupted (the barrier breaks, as in Java)
     */
    int await();

    /**
     * As {@link #await()}, waiting at most {@code timeout}; when it runs out the barrier breaks.
     *
     * @param timeout how long to wait at most
     * @return the arrival index
     */
    int await(Duration timeout);

    /**
     * Returns the barrier to its initial state. Parties waiting get
     * {@link BarrierBrokenException}; a broken barrier becomes usable again.
     */
    void reset();

    /** Breaks the barrier: waiting and later parties get {@link BarrierBrokenException}. */
    void abort();

    /** {@return the number of parties needed to pass} */
    int getParties();

    /** {@return the number of parties waiting now} */
    int getNumberWaiting();

    /** {@return whether the barrier is broken} */
    boolean isBroken();
}
