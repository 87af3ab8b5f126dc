package io.github.multiprocessing4j;

import java.io.Serializable;

/**
 * A {@link java.util.concurrent.Callable} that can cross a process boundary: a task for a pool.
 *
 * <p>A lambda written where one is expected is serializable by the compiler; what it captures
 * must be serializable too, which is checked at the call site.
 *
 * <pre>{@code
 * int answer = pool.apply(() -> 6 * 7);
 * }</pre>
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Serializable {
    /**
     * Computes the result.
     *
     * @return the result, which travels back to the caller and so must be serializable
     * @throws Exception anything; it reaches the caller as described by the pool
     */
    R call() throws Exception;
}
