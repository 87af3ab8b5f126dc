package io.github.multiprocessing4j.benchmarks;

import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.internal.runtime.WarmPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The workloads of {@code python_peer.py}, in Java, each measured several times after a
 * warm-up run that is not counted; every method returns the median. With the warm context, a
 * JVM whose process ended is reused by the next process, so the warm-up also warms the JIT of the
 * JVMs the measured processes run in (as a long-running application's would be). Sizes are the peer's; {@code --quick} measures fewer
 * times (the peer's own --quick divides its sizes by 10, but at a tenth of the size a JVM measures
 * mostly its JIT warming up, and rates per second compare across sizes).
 *
 * <p>The peer runs its queue, value and pipe workloads in processes started with {@code fork};
 * the like-for-like start method here is {@code "warm"} (a JVM started ahead of need), so those
 * workloads start their processes from the warm context. The start-up costs themselves are
 * measured apart ({@code process_start_join_*}).
 */
final class Workloads {

    private final int scale;
    private final int runs;
    private final Context warm = Multiprocessing.getContext("warm");

    Workloads(boolean quick) {
        this.scale = 1;
        this.runs = quick ? 2 : 5;
    }

    /** The peer's count_primes: trial division, on purpose. */
    static int countPrimes(int hi) {
        int c = 0;
        for (int n = 2; n < hi; n++) {
            boolean p = true;
            for (int i = 2; i * i <= n; i++) {
                if (n % i == 0) {
                    p = false;
                    break;
                }
            }
            if (p) {
                c++;
            }
        }
        return c;
    }

    /**
     * Milliseconds from start() to join() returning, for a target that does nothing. With the
     * warm context each start finds an idle JVM: the refill between starts is not timed (that is
     * what "started ahead of need" means; back to back, on 2 cores, the refills would compete
     * with the measured process for the CPU).
     */
    double processStartJoinMs(Context ctx) {
        int n = scale == 1 ? 15 : 7;
        Process warm = ctx.process(() -> { });
        warm.start();
        warm.join();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ctx.getStartMethod().equals("warm")) {
                awaitWarm();
            } else if (ctx.getStartMethod().equals("forkserver")) {
                awaitReady(WarmPool.forkserver(), 1);
            }
            long t = System.nanoTime();
            Process p = ctx.process(() -> { });
            p.start();
            p.join();
            times.add((System.nanoTime() - t) / 1e6);
        }
        return median(times);
    }

    double poolMapTinyItemsPerSecond(Pool pool) {
        int n = 1_000_000 / scale;
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        pool.map(x -> x * x, items); // the warm-up run, not counted
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            List<Integer> out = pool.map(x -> x * x, items);
            double dt = (System.nanoTime() - t) / 1e9;
            check(out.get(n - 1) == (n - 1) * (n - 1), "map result");
            rates.add(n / dt);
        }
        return median(rates);
    }

    double poolApplyAsyncTasksPerSecond(Pool pool) {
        int n = 20_000 / scale;
        List<Double> rates = new ArrayList<>();
        // Three warm-up runs: the submitting side (capturing, serializing and queueing 20,000
        // callables) is what a fresh JVM's JIT takes longest to compile; measured, a run's
        // submission took 250 ms in the first run, 20-40 ms from about the sixth on.
        int warmUps = 3;
        for (int r = 0; r < warmUps + runs; r++) {
            long t = System.nanoTime();
            List<AsyncResult<Long>> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long x = i;
                results.add(pool.applyAsync(() -> x * x));
            }
            long sum = 0;
            for (AsyncResult<Long> result : results) {
                sum += result.get();
            }
            double dt = (System.nanoTime() - t) / 1e9;
            check(sum == expectedSumOfSquares(n), "applyAsync results");
            if (r >= warmUps) {
                rates.add(n / dt);
            }
        }
        return median(rates);
    }

    /**
     * The same 8 × count_primes(60000) on 2 threads of this JVM against one call: what the cores
     * give without processes, the bar for {@link #poolCpuSpeedup} (its ratio to this is the cost
     * of the pool's hand-outs and results).
     */
    double threadsCpuSpeedup() {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 3; i++) {
                runOnThreads(threads, 60_000);
                countPrimes(60_000);
            }
            quiesce();
            return speedup(4 * runs + 1, 60_000, () -> runOnThreads(threads, 60_000));
        } finally {
            threads.shutdownNow();
        }
    }

    private static void runOnThreads(java.util.concurrent.ExecutorService threads, int hi) {
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(threads.submit(() -> countPrimes(hi)));
        }
        for (java.util.concurrent.Future<Integer> f : futures) {
            try {
                check(f.get() > 0, "count_primes");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** 8 × count_primes(400000), tasks of about 50-100 ms each, on 2 workers against 8 × one call here. */
    double poolCpuSpeedupLongTasks(Pool pool) {
        int hi = 400_000;
        List<Integer> work = Collections.nCopies(8, hi);
        pool.map(Workloads::countPrimes, work, 1);
        countPrimes(hi);
        quiesce();
        return speedup(runs, hi, () -> pool.map(Workloads::countPrimes, work, 1));
    }

    /** The peer's mix: applyAsync of sleeps of 0.8, 0.1, 0.1, 0.1 s on 2 workers; makespan over the ideal 0.8 s. */
    double poolMixedMakespanRatio(Pool pool) {
        pool.map(x -> x * x, IntStream.range(0, 100).boxed().toList());
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            List<AsyncResult<Integer>> results = new ArrayList<>();
            for (long ms : new long[] {800, 100, 100, 100}) {
                results.add(pool.applyAsync(() -> {
                    Thread.sleep(ms);
                    return 0;
                }));
            }
            results.forEach(AsyncResult::get);
            ratios.add((System.nanoTime() - t) / 1e9 / 0.8);
        }
        return median(ratios);
    }

    /** The peer's manager rows: a dict set+get round trip (µs per operation), and increments of one entry by 4 processes. */
    double[] manager() {
        try (io.github.multiprocessing4j.Manager m = Multiprocessing.manager()) {
            java.util.concurrent.ConcurrentMap<String, Integer> d = m.dict();
            d.put("x", 0);
            int n = 5000;
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < 3 + runs; r++) { // three warm-up runs
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    d.put("k", i);
                    d.get("k");
                }
                if (r >= 3) {
                    times.add((System.nanoTime() - t) / 1e3 / (2.0 * n));
                }
            }
            io.github.multiprocessing4j.Lock lock = m.lock();
            int each = 1000;
            // Rounds as the other rows: warm-ups not counted. The warm JVMs are reused from round to
            // round, so the later rounds run with their JIT warm (measured: the first round of 4
            // fresh JVMs ran ~1,000 increments/s, the fourth ~10,000).
            List<Double> locked = new ArrayList<>();
            List<Double> merged = new ArrayList<>();
            for (int r = 0; r < 3 + runs; r++) {
                d.put("x", 0);
                long t = System.nanoTime();
                runProcesses(4, () -> {
                    for (int i = 0; i < each; i++) {
                        lock.acquire();
                        try {
                            d.put("x", d.get("x") + 1);
                        } finally {
                            lock.release();
                        }
                    }
                });
                double rate = 4 * each / ((System.nanoTime() - t) / 1e9);
                check(d.get("x") == 4 * each, "manager locked increments");
                d.put("y", 0);
                t = System.nanoTime();
                runProcesses(4, () -> {
                    for (int i = 0; i < each; i++) {
                        d.merge("y", 1, (java.util.function.BiFunction<Integer, Integer, Integer> & java.io.Serializable) Integer::sum);
                    }
                });
                double mergeRate = 4 * each / ((System.nanoTime() - t) / 1e9);
                check(d.get("y") == 4 * each, "manager merge increments");
                if (r >= 3) {
                    locked.add(rate);
                    merged.add(mergeRate);
                }
            }
            return new double[] {median(times), median(locked), median(merged)};
        }
    }

    private void runProcesses(int n, io.github.multiprocessing4j.SerializableRunnable target) {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(warm.process(target));
        }
        awaitWarm();
        ps.forEach(Process::start);
        ps.forEach(Process::join);
    }

    /** The peer's shared_memory row: create a 4096-byte block, close it, unlink it; microseconds each. */
    double shmCreateUnlinkMicros() {
        int n = 5000;
        List<Double> times = new ArrayList<>();
        int warmUps = 4; // measured: about 20,000 blocks before the JIT has compiled the path (54 µs first, 25-35 after)
        for (int r = 0; r < warmUps + runs; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                io.github.multiprocessing4j.SharedMemory block = io.github.multiprocessing4j.SharedMemory.create(4096);
                block.close();
                block.unlink();
            }
            if (r >= warmUps) {
                times.add((System.nanoTime() - t) / 1e3 / n);
            }
        }
        return median(times);
    }

    private static long expectedSumOfSquares(long n) {
        return (n - 1) * n * (2 * n - 1) / 6;
    }

    /** 8 × count_primes(60000) on 2 workers against 8 × one call in this JVM (both warmed up). */
    double poolCpuSpeedup(Pool pool) {
        List<Integer> work = Collections.nCopies(8, 60_000);
        pool.map(Workloads::countPrimes, work, 1);
        for (int i = 0; i < 3; i++) {
            countPrimes(60_000);
        }
        // The JIT compiler threads of this JVM and of the workers finish their backlog first (of
        // this warm-up and of the workloads before): on 2 cores a compiler thread takes the core
        // a worker needs (measured: speed-ups of 0.8-1.2 right after the other pool workloads)
        quiesce();
        // a run takes ~15 ms: many runs make the median robust against a busy moment on 2 cores
        return speedup(4 * runs + 1, 60_000, () -> pool.map(Workloads::countPrimes, work, 1));
    }

    /**
     * The median over {@code runs} of 8 × one count_primes(hi) here, timed, over {@code parallel}
     * (which computes the 8), timed just before it.
     */
    private static double speedup(int runs, int hi, Runnable parallel) {
        List<Double> speedups = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            parallel.run();
            double inParallel = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            int c = countPrimes(hi);
            double single = (System.nanoTime() - t) / 1e9;
            check(c > 0, "count_primes(" + hi + ")");
            speedups.add(8 * single / inParallel);
        }
        return median(speedups);
    }

    /** Mean resident set of the pool's worker JVMs, in MB. */
    static double workerRssMb(Pool pool) {
        return workerMb(pool, "status", "VmRSS:");
    }

    /** The mean PSS of the pool's workers: what they really cost, pages shared with others (the AOT cache, the JDK's CDS) split between their users. */
    static double workerPssMb(Pool pool) {
        return workerMb(pool, "smaps_rollup", "Pss:");
    }

    private static double workerMb(Pool pool, String file, String key) {
        List<Double> rss = new ArrayList<>();
        for (long pid : pool.workerPids()) {
            double mb = procMb(pid, file, key);
            if (mb > 0) {
                rss.add(mb);
            }
        }
        return rss.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double rssMb(long pid) {
        return procMb(pid, "status", "VmRSS:");
    }

    private static double procMb(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Messages per second from a producer process to this one; returns {msgs/s, MB/s}. */
    double[] queueThroughput(int payloadBytes, int n) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        List<double[]> results = new ArrayList<>();
        // a run of small items takes ~50 ms here: more of them keep one busy moment from deciding
        int reps = payloadBytes > 4096 ? Math.max(1, runs - 2) : 2 * runs + 1;
        for (int r = 0; r <= reps; r++) {
            Queue<byte[]> q = Multiprocessing.queue();
            int count = r == 0 ? Math.max(1, n / 10) : n;
            Process producer = warm.process(() -> {
                for (int i = 0; i < count; i++) {
                    q.put(payload);
                }
                q.put(new byte[0]);
            });
            awaitWarm();
            long t = System.nanoTime();
            producer.start();
            int got = 0;
            while (q.get().length != 0) {
                got++;
            }
            double dt = (System.nanoTime() - t) / 1e9;
            producer.join();
            q.close();
            check(got == count, "queue items");
            if (r > 0) {
                results.add(new double[] {count / dt, (double) count * payloadBytes / dt / 1e6});
            }
        }
        return new double[] {
            median(results.stream().map(x -> x[0]).toList()),
            median(results.stream().map(x -> x[1]).toList())};
    }

    double valueLockedIncrementsPerSecond() {
        int n = 100_000 / scale;
        List<Double> rates = new ArrayList<>();
        // a run takes ~20 ms here: many runs keep one busy moment from deciding the median
        for (int r = 0; r <= 2 * runs + 1; r++) {
            Value v = Multiprocessing.value('i', 0);
            List<Process> ps = List.of(warm.process(() -> increment(v, n)), warm.process(() -> increment(v, n)));
            awaitWarm();
            long t = System.nanoTime();
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            double dt = (System.nanoTime() - t) / 1e9;
            check(v.getInt() == 2 * n, "locked increments");
            if (r > 0) {
                rates.add(2 * n / dt); // run 0 is the warm-up
            }
        }
        return median(rates);
    }

    private static void increment(Value v, int n) {
        var lock = v.getLock();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                v.setInt(v.getInt() + 1);
            } finally {
                lock.release();
            }
        }
    }

    double pipeRoundTripMicros() {
        int n = 20_000 / scale;
        List<Double> times = new ArrayList<>();
        for (int r = 0; r <= Math.max(2, runs - 2); r++) {
            Pipe pipe = Multiprocessing.pipe();
            Connection a = pipe.left();
            Connection b = pipe.right();
            Process ponger = warm.process(() -> {
                for (int i = 0; i < n; i++) {
                    b.send(b.recv());
                }
            });
            ponger.start();
            a.send(0);
            a.recv();
            long t = System.nanoTime();
            for (int i = 0; i < n - 1; i++) {
                a.send(i);
                a.recv();
            }
            if (r > 0) {
                times.add((System.nanoTime() - t) / 1e3 / (n - 1)); // run 0 is the warm-up
            }
            ponger.join();
            a.close();
            b.close();
        }
        return median(times);
    }

    private static void quiesce() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the warm context refill its idle JVMs, so a measurement does not wait for a launch. */
    private static void awaitWarm() {
        awaitReady(WarmPool.get(), 2);
    }

    /** Waits (at most 10 s) until {@code pool} has {@code n} JVMs idle and connected. */
    private static void awaitReady(WarmPool pool, int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pool.readyCount() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark produced a wrong result: " + what);
        }
    }
}
