package io.github.multiprocessing4j;

import java.io.Serializable;

/**
 * A {@link java.util.function.Function} that can cross a process boundary: what a pool maps.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));   // [1, 4, 9, 16, 25]
 * }</pre>
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /**
     * Applies the function.
     *
     * @param t the argument
     * @return the result
     * @throws Exception anything; it reaches the caller as described by the pool
     */
    R apply(T t) throws Exception;
}
