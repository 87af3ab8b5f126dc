package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A flag shared by processes that others can wait for: Python's {@code multiprocessing.Event}.
 *
 * <pre>{@code
 * Event ready = Multiprocessing.event();
 * Process p = new Process(() -> {
 *     prepare();
 *     ready.set();                      // wakes every waiter, in every process
 * });
 * p.start();
 * if (ready.await(Duration.ofSeconds(10))) { ... }
 * }</pre>
 */
public interface Event {

    /** {@return whether the flag is set} */
    boolean isSet();

    /** Sets the flag and wakes every thread waiting for it. */
    void set();

    /** Clears the flag. */
    void clear();

    /**
     * Waits until the flag is set.
     *
     * @return {@code true}
     * @throws ProcessException when interrupted
     */
    boolean await();

    /**
     * Waits at most {@code timeout} until the flag is set.
     *
     * @param timeout how long to wait at most; zero or negative: just look
     * @return the flag when the wait ended: {@code false} on timeout
     * @throws ProcessException when interrupted
     */
    boolean await(Duration timeout);
}
