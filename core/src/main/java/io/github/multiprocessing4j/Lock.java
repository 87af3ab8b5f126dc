package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A lock shared by processes: Python's {@code multiprocessing.Lock}. It lives in shared memory,
 * so every process that has it (captured by a lambda, passed to a {@link Process}) locks the
 * same lock. Non-recursive: a thread that holds it and acquires it again waits (for ever, or
 * until its timeout), as in Python. Any thread of any process may release it.
 *
 * <pre>{@code
 * Lock lock = Multiprocessing.lock();
 * Value counter = Multiprocessing.rawValue('i', 0);
 * Process p = new Process(() -> {
 *     lock.acquire();
 *     try {
 *         counter.setInt(counter.getInt() + 1);
 *     } finally {
 *         lock.release();
 *     }
 * });
 * // or: try (var held = lock.acquired()) { ... }
 * }</pre>
 *
 * <h2>When a holder dies</h2>
 * A process that dies (even by SIGKILL) while holding the lock does not wedge it: waiters check
 * the owner's liveness every 100 ms, and the next acquirer takes the lock over, usually within a
 * fraction of a second of the death (POSIX's robust mutexes, {@code EOWNERDEAD}). That
 * acquirer's {@code acquire} returns {@code true} as usual and {@link #ownerDied()} then answers
 * {@code true} until the lock is released; a WARNING is also logged (logger
 * {@code io.github.multiprocessing4j}). The data the lock guarded may be half-updated: check
 * {@code ownerDied()} after acquiring where that matters. (A thread that ends holding the lock
 * while its process lives on does not release it, as in Python and in {@code java.util.concurrent}.)
 *
 * <p>All blocking forms wait in the operating system (futex) after a short spin; an interrupt
 * ends the wait, within 100 ms, with a {@link ProcessException} (the interrupt flag is restored).
 *
 * <h2>Lifetime</h2>
 * Like every shared-memory object of this library (a block of about a hundred bytes in a file in
 * {@code /dev/shm}, shared with other small objects), the lock lives as long as the run: it is freed when the root JVM exits, or by the next root's sweep if that
 * JVM was killed. There is no explicit free, because another process may still be about to use
 * the object; a long-running application creates its locks once and reuses them.
 */
public interface Lock {

    /**
     * Waits until the lock is free and takes it.
     *
     * @return {@code true}
     * @throws ProcessException when interrupted
     */
    boolean acquire();

    /**
     * Takes the lock, or (with {@code block} false) tries to (Python's {@code acquire(block)}).
     *
     * @param block {@code false} to take the lock only if it is free now
     * @return whether the lock was taken
     * @throws ProcessException when interrupted
     */
    boolean acquire(boolean block);

    /**
     * Takes the lock, waiting at most {@code timeout} (Python's {@code acquire(timeout=…)}).
     *
     * @param timeout how long to wait at most; zero or negative: do not wait
     * @return whether the lock was taken
     * @throws ProcessException when interrupted
     */
    boolean acquire(Duration timeout);

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException when it is not locked
     */
    void release();

    /** {@return whether some thread of some process holds the lock} */
    boolean locked();

    /**
     * Whether the last acquire took the lock over from a holder that died holding it (an extra: robust-lock semantics, as POSIX {@code EOWNERDEAD}).
     *
     * @return {@code true} when the current holder took the lock over from a process that died
     *         holding it; reset when the lock is released
     */
    boolean ownerDied();

    /**
     * Acquires the lock (waiting as {@link #acquire()}) for a try-with-resources block, which
     * releases it: {@code try (var held = lock.acquired()) { ... }}.
     *
     * @return what releases the lock when closed
     */
    default Held acquired() {
        acquire();
        return this::release;
    }

    /** A held lock (or semaphore permit, or condition), released by {@link #close()}. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        /** Releases what was acquired. */
        @Override
        void close();
    }
}
