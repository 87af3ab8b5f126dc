package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A long {@code map} with a {@link ProgressBar}: 200 tasks of about 20 ms each over every core.
 * Run it with {@code java -cp <the tour's class path> io.github.multiprocessing4j.examples.LongMap}.
 */
public final class LongMap {

    private LongMap() {
    }

    static int slow(int x) throws InterruptedException {
        Thread.sleep(20);
        return x * x;
    }

    public static void main(String[] args) {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        try (Pool pool = new Pool(PoolOptions.defaults().progress(new ProgressBar()))) {
            List<Integer> squares = pool.map(LongMap::slow, items, 5);
            System.out.println("sum of squares: " + squares.stream().mapToLong(Integer::longValue).sum());
        }
    }
}
