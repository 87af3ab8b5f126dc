package io.github.multiprocessing4j;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link java.util.concurrent.Callable} that can cross a process boundary: a task for a pool.
 *
 * <p>A lambda written where one is expected is serializable by the compiler; what it captures
 * must be serializable too, which is checked at the call site. It is a {@code Callable}, so it
 * also serves {@link ProcessPoolExecutor#submit(SerializableCallable)}.
 *
 * <pre>{@code
 * int answer = pool.apply(() -> 6 * 7);
 * }</pre>
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
    /**
     * Computes the result.
     *
     * @return the result, which travels back to the caller and so must be serializable
     * @throws Exception anything; it reaches the caller as described by the pool
     */
    @Override
    R call() throws Exception;
}
