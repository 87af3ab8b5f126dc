package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.WorkerDiedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pool's figures, measured the way {@code benchmarks/python/python_peer.py} measures CPython's, on a
 * pool of 2 workers: {@code map} of 1,000,000 {@code x -> x * x} (items/s), 20,000 tiny
 * {@code applyAsync} tasks (tasks/s), the speed-up of 8 CPU-bound tasks (count the primes below
 * 60,000) over one, and the time from a worker's SIGKILL to the caller's
 * {@link WorkerDiedException}. Each is run {@code rounds} times (default 7) after the workers
 * are up, and the best and median are printed: the first rounds include the workers' JIT warm-up.
 * The machine is shared: read the best figures as what the pool can do, the medians as what it did.
 *
 * <p>Run: {@code java -cp <the tour's class path> io.github.multiprocessing4j.examples.PoolSpeed [rounds]}.
 */
public final class PoolSpeed {

    private PoolSpeed() {
    }

    static int countPrimes(int hi) {
        int count = 0;
        for (int n = 2; n < hi; n++) {
            boolean prime = true;
            for (int i = 2; i * i <= n; i++) {
                if (n % i == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (Pool pool = new Pool(2)) {
            pool.map((Integer x) -> x, List.of(1, 2, 3, 4), 1); // both workers up
            List<Integer> items = IntStream.range(0, 1_000_000).boxed().toList();
            double[] map = new double[rounds];
            double[] apply = new double[rounds];
            double[] speedup = new double[rounds];
            double[] kill = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                List<Integer> squares = pool.map((Integer x) -> x * x, items);
                map[r] = 1e6 / seconds(t);
                check(squares.get(999_999) == 999_999 * 999_999);

                t = System.nanoTime();
                List<AsyncResult<Integer>> results = new ArrayList<>(20_000);
                for (int i = 0; i < 20_000; i++) {
                    int x = i;
                    results.add(pool.applyAsync(() -> x * x));
                }
                long sum = 0;
                for (AsyncResult<Integer> result : results) {
                    sum += result.get();
                }
                apply[r] = 20_000 / seconds(t);
                check(sum == IntStream.range(0, 20_000).mapToLong(i -> i * i).sum());

                t = System.nanoTime();
                pool.map(PoolSpeed::countPrimes, Collections.nCopies(8, 60_000), 1);
                double eight = seconds(t);
                t = System.nanoTime();
                countPrimes(60_000);
                speedup[r] = 8 * seconds(t) / eight;
            }
            for (int r = 0; r < rounds; r++) { // last: each round replaces a worker, whose JIT starts cold
                kill[r] = killOne(pool);
            }
            report("pool_map_tiny_items_per_s", map, true);
            report("pool_apply_async_tasks_per_s", apply, true);
            report("pool_cpu_speedup_2workers", speedup, true);
            report("worker_sigkill_to_exception_ms", kill, false);
        }
    }

    /** Kills the worker running a long task; returns the ms until its result failed. */
    private static double killOne(Pool pool) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("mp4j-speed", ".pid");
        String where = file.toString();
        try {
            AsyncResult<Long> running = pool.applyAsync(() -> {
                java.nio.file.Files.writeString(java.nio.file.Path.of(where), Long.toString(ProcessHandle.current().pid()));
                Thread.sleep(10_000);
                return 0L;
            });
            String pid = "";
            while (pid.isEmpty()) {
                Thread.sleep(5);
                pid = java.nio.file.Files.readString(file).strip();
            }
            long[] failedAt = new long[1];
            running.toCompletableFuture().whenComplete((v, e) -> failedAt[0] = System.nanoTime());
            long t = System.nanoTime();
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            running.await();
            check(!running.successful());
            pool.map((Integer x) -> x, List.of(1, 2, 3, 4), 1); // the replacement is up
            return (failedAt[0] - t) / 1e6;
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("wrong result");
        }
    }

    private static void report(String name, double[] values, boolean higherIsBetter) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double best = higherIsBetter ? sorted[sorted.length - 1] : sorted[0];
        System.out.printf("%-32s best %12.2f   median %12.2f   all %s%n", name, best, sorted[sorted.length / 2],
                Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray()));
    }
}
