package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Pool;

import java.util.List;

/**
 * Seed section "병렬 실행을 위한 풀과 맵 사용 방법": a pool of worker processes, {@code map},
 * {@code apply}, their asynchronous forms, {@code AsyncResult} and a callback.
 *
 * <p>Python's {@code pool.map(square, numbers)} becomes {@code pool.map(PoolSection::square, numbers)};
 * {@code apply(square, (10,))} becomes {@code apply(() -> square(10))}: the lambda carries the
 * arguments. {@code Pool(4)} becomes {@code ctx.pool(4)}, a pool of the context the tour runs on
 * (on the default context, {@code new Pool(4)} is the same). Two corrections to the seed, printed as
 * they really behave:
 * <ul>
 *   <li>{@code ready()} right after {@code map_async}/{@code apply_async} is usually {@code False},
 *       but may already be {@code True}: the work may be done by then.</li>
 *   <li>{@code map_async} has no {@code kwds} argument (the seed's call is a {@code TypeError});
 *       the exponent is bound into the function instead ({@code functools.partial} in Python, a
 *       captured variable here), and the callback receives the whole list once, not one number
 *       per line.</li>
 * </ul>
 */
final class PoolSection implements Tour.Section {

    /** The seed's target function. */
    static int square(int number) {
        return number * number;
    }

    /** The seed's second target function, with an exponent. */
    static int power(int number, int exponent) {
        return (int) Math.pow(number, exponent);
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String heading() {
        return "병렬 실행을 위한 풀과 맵 사용 방법 (pools and map for parallel execution)";
    }

    @Override
    public void run(Context ctx) throws Exception {
        Tour.block(3, 1, "create a pool of four processes");
        Pool pool = ctx.pool(4);
        System.out.println(pool);

        Tour.block(3, 2, "pool.map(square, [1, 2, 3, 4, 5]) returns the list of squares");
        List<Integer> numbers = List.of(1, 2, 3, 4, 5);
        List<Integer> results = pool.map(PoolSection::square, numbers);
        System.out.println(results);

        Tour.block(3, 3, "pool.apply(square, (10,)) returns one result");
        int result = pool.apply(() -> square(10));
        System.out.println(result);

        Tour.block(3, 4, "map_async: ready() (false, or already true), wait(), ready() true, get()");
        AsyncResult<List<Integer>> asyncResults = pool.mapAsync(PoolSection::square, numbers);
        System.out.println(asyncResults.ready());
        asyncResults.await();
        System.out.println(asyncResults.ready());
        System.out.println(asyncResults.get());

        Tour.block(3, 5, "apply_async: ready() (false, or already true), wait(), ready() true, get()");
        AsyncResult<Integer> asyncResult = pool.applyAsync(() -> square(10));
        System.out.println(asyncResult.ready());
        asyncResult.await();
        System.out.println(asyncResult.ready());
        System.out.println(asyncResult.get());
        pool.close();

        Tour.block(3, 6, "map_async with exponent 3 and a callback that prints the result; close(); join()"
                + " (the callback gets the whole list, once)");
        Pool callbackPool = ctx.pool();
        int exponent = 3;
        callbackPool.mapAsync((Integer n) -> power(n, exponent), numbers, PoolSection::printResult, null);
        callbackPool.close();
        callbackPool.join();
    }

    /** The seed's callback. */
    static void printResult(List<Integer> result) {
        System.out.println(result);
    }
}
