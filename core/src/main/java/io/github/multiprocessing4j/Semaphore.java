package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A counting semaphore shared by processes: Python's {@code multiprocessing.Semaphore} and
 * {@code BoundedSemaphore}. {@code acquire} takes a permit, waiting while there is none;
 * {@code release} gives one back (any thread, any process).
 *
 * <pre>{@code
 * Semaphore slots = Multiprocessing.boundedSemaphore(2);   // at most two at a time
 * Process p = new Process(() -> {
 *     try (var held = slots.acquired()) {
 *         useTheScarceResource();
 *     }
 * });
 * }</pre>
 * A plain semaphore can be released any number of times (its value grows, as in Python); a
 * bounded one refuses to go above its start value with {@link IllegalStateException}, leaving
 * the value unchanged. Permits held by a process that dies are not given back.
 */
public interface Semaphore {

    /**
     * Waits for a permit and takes it.
     *
     * @return {@code true}
     * @throws ProcessException when interrupted
     */
    boolean acquire();

    /**
     * Takes a permit, or (with {@code block} false) tries to.
     *
     * @param block {@code false} to take a permit only if one is free now
     * @return whether a permit was taken
     */
    boolean acquire(boolean block);

    /**
     * Takes a permit, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative: do not wait
     * @return whether a permit was taken
     * @throws ProcessException when interrupted
     */
    boolean acquire(Duration timeout);

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException on a bounded semaphore already at its start value
     */
    void release();

    /** {@return the number of free permits} */
    int getValue();

    /**
     * Takes a permit (waiting as {@link #acquire()}) for a try-with-resources block, which gives
     * it back.
     *
     * @return what releases the permit when closed
     */
    default Lock.Held acquired() {
        acquire();
        return this::release;
    }
}
