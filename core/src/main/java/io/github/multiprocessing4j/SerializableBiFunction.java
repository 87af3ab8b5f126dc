package io.github.multiprocessing4j;

import java.io.Serializable;

/**
 * A two-argument function that can cross a process boundary: what {@code Pool.starmap} applies.
 *
 * <pre>{@code
 * List<Integer> products = pool.starmap((a, b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5)));
 * }</pre>
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {
    /**
     * Applies the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws Exception anything; it reaches the caller as described by the pool
     */
    R apply(A a, B b) throws Exception;
}
