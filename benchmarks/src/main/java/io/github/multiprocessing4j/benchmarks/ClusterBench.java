package io.github.multiprocessing4j.benchmarks;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.AsyncResult;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * {@code ./mp4j bench --cluster}: the cluster's figures on a loopback cluster of three agents
 * (one worker JVM each) started by this JVM, each beside the reference the issue names: raw
 * Hazelcast ({@code IExecutorService}, an {@code IMap} entry processor, an {@code IQueue}) on the
 * same cluster, or the local pool on the same cores. Flags: {@code --json}, {@code --quick}.
 *
 * <p>Raw Hazelcast runs its tasks on the members themselves (the agents): the library never does
 * that (an agent runs no user code; each worker is a JVM of its own), so the raw figures are the
 * floor of what any layer over Hazelcast can cost.
 */
public final class ClusterBench {

    private record Row(String name, double ours, double reference, String referenceName, String goal, Double minRatio) {
    }

    private final boolean quick;
    private final List<Row> rows = new ArrayList<>();

    private ClusterBench(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean json = List.of(args).contains("--json");
        boolean quick = List.of(args).contains("--quick");
        int only = List.of(args).indexOf("--only");
        String row = only >= 0 && only + 1 < args.length ? args[only + 1] : null;
        ClusterBench bench = new ClusterBench(quick);
        try (LocalCluster cluster = LocalCluster.start(3, 1)) {
            progress(json, "3 agents of 1 worker JVM each on 127.0.0.1");
            if (row == null || row.equals("pool")) {
                bench.applyAsync(cluster, json);
                bench.tinyMap(cluster, json);
                bench.cpuMap(cluster, json);
            }
            if (row == null || row.equals("objects")) {
                bench.lockedValue(cluster, json);
                bench.queue(cluster, json);
            }
            if (row == null || row.equals("death")) {
                bench.agentDeath(cluster, json);
            }
        }
        System.out.print(json ? bench.json() : bench.table());
    }

    private static void progress(boolean quiet, String what) {
        if (!quiet) {
            System.err.println("cluster bench: " + what);
        }
    }

    // ---- rows ------------------------------------------------------------------------------------

    /** A tiny task for raw Hazelcast: its class is on the agents' class path (the benchmark's). */
    static final class Tiny implements Callable<Integer>, Serializable {
        private final int n;

        Tiny(int n) {
            this.n = n;
        }

        @Override
        public Integer call() {
            return n + 1;
        }
    }

    /** A chunk of tiny items for raw Hazelcast, as the pool's map sends them. */
    static final class TinyChunk implements Callable<int[]>, Serializable {
        private final int from;
        private final int to;

        TinyChunk(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public int[] call() {
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = i + 1;
            }
            return out;
        }
    }

    private void applyAsync(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "tiny applyAsync, ours and raw IExecutorService");
        int n = quick ? 5_000 : 20_000;
        HazelcastContext ctx = cluster.context();
        double ours;
        try (Pool pool = ctx.pool(3)) {
            tasks(pool, n / 4); // warm-up: JIT of both sides, worker JVMs started
            ours = best(() -> n / seconds(() -> tasks(pool, n)));
        }
        IExecutorService raw = cluster.client().getExecutorService("mp4j-bench");
        rawTasks(raw, n / 4);
        double reference = best(() -> n / seconds(() -> rawTasks(raw, n)));
        rows.add(new Row("cluster_apply_async_tasks_per_s", ours, reference, "raw IExecutorService submit/get",
                "our cost <= 1.5x raw", 1 / 1.5));
    }

    private static void tasks(Pool pool, int n) {
        List<AsyncResult<Integer>> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            results.add(pool.applyAsync(() -> k + 1));
        }
        for (AsyncResult<Integer> r : results) {
            r.get();
        }
    }

    private static void rawTasks(IExecutorService raw, int n) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(raw.submit(new Tiny(i)));
        }
        for (Future<Integer> f : futures) {
            f.get();
        }
    }

    private void tinyMap(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "tiny-item map, ours and raw IExecutorService in chunks");
        int n = quick ? 200_000 : 1_000_000;
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        int chunk = 10_000;
        double ours;
        try (Pool pool = cluster.context().pool(3)) {
            pool.map(x -> x + 1, items.subList(0, n / 4), chunk);
            ours = best(() -> n / seconds(() -> pool.map(x -> x + 1, items, chunk)));
        }
        IExecutorService raw = cluster.client().getExecutorService("mp4j-bench");
        rawMap(raw, n / 4, chunk);
        double reference = best(() -> n / seconds(() -> rawMap(raw, n, chunk)));
        rows.add(new Row("cluster_map_items_per_s", ours, reference, "raw IExecutorService, same chunks",
                "our cost <= 1.5x raw", 1 / 1.5));
    }

    private static void rawMap(IExecutorService raw, int n, int chunk) throws Exception {
        List<Future<int[]>> futures = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            futures.add(raw.submit(new TinyChunk(from, Math.min(n, from + chunk))));
        }
        List<Integer> out = new ArrayList<>(n);
        for (Future<int[]> f : futures) {
            for (int v : f.get()) {
                out.add(v);
            }
        }
    }

    private void cpuMap(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "CPU-bound map on 2 agents of 1 worker, and on a local Pool(2)");
        // 50-100 ms a task, as the local pool_cpu_speedup_long_tasks: the work, not the hand-over, is measured
        List<Integer> items = java.util.Collections.nCopies(quick ? 8 : 16, 400_000);
        // measured in turns, local and cluster, both with the agents running: the best of each
        double ours = 0;
        double local = 0;
        try (Pool remote = cluster.context().pool(2); Pool here = new Pool(2)) {
            remote.map(Workloads::countPrimes, items, 1);
            here.map(Workloads::countPrimes, items, 1);
            for (int round = 0; round < (quick ? 2 : 3); round++) {
                local = Math.max(local, items.size() / seconds(() -> here.map(Workloads::countPrimes, items, 1)));
                ours = Math.max(ours, items.size() / seconds(() -> remote.map(Workloads::countPrimes, items, 1)));
            }
        }
        rows.add(new Row("cluster_cpu_map_tasks_per_s", ours, local, "local Pool(2), same cores", ">= 0.9x local", 0.9));
    }

    /** Adds one to an int entry, on the member that owns it. */
    static final class Increment implements EntryProcessor<String, Integer, Integer> {
        @Override
        public Integer process(Map.Entry<String, Integer> entry) {
            int next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }
    }

    private void lockedValue(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "locked increments of a cluster Value by 2 processes on 2 agents; raw IMap entry processor");
        int each = quick ? 300 : 1_000;
        HazelcastContext ctx = cluster.context();
        Value counter = ctx.value('i', 0);
        // timed inside the processes, between two barriers: a process's JVM and client start are not counted
        double ours = best(() -> {
            counter.setInt(0);
            var ready = ctx.barrier(3);
            var finished = ctx.barrier(3);
            List<Process> ps = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                Process proc = ctx.process(null, () -> {
                    counter.getLock().acquire();
                    counter.getLock().release(); // the client connected, the lock's classes loaded
                    ready.await();
                    for (int k = 0; k < each; k++) {
                        try (var held = counter.getLock().acquired()) {
                            counter.setInt(counter.getInt() + 1);
                        }
                    }
                    finished.await();
                });
                proc.start();
                ps.add(proc);
            }
            ready.await(Duration.ofMinutes(5));
            double s = seconds(() -> finished.await(Duration.ofMinutes(10)));
            ps.forEach(Process::join);
            if (counter.getInt() != 2 * each) {
                throw new IllegalStateException("lost increments: " + counter.getInt());
            }
            return 2.0 * each / s;
        });
        IMap<String, Integer> map = cluster.client().getMap("mp4j-bench-counter");
        int rawN = quick ? 2_000 : 10_000;
        for (int i = 0; i < rawN / 4; i++) {
            map.executeOnKey("n", new Increment());
        }
        double reference = best(() -> rawN / seconds(() -> {
            for (int i = 0; i < rawN; i++) {
                map.executeOnKey("n", new Increment());
            }
        }));
        rows.add(new Row("cluster_value_locked_incr_per_s", ours, reference, "raw IMap entry processor (1 client)",
                "report", null));
    }

    private void queue(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "queue items from a process on one agent to one on another; raw IQueue offer/poll");
        int n = quick ? 2_000 : 10_000;
        HazelcastContext ctx = cluster.context();
        // timed from the moment both processes are ready (their JVM and client start not counted)
        double ours = best(() -> {
            Queue<Integer> q = ctx.queue(1000);
            Queue<Long> done = ctx.queue();
            var ready = ctx.barrier(3);
            Process consumer = ctx.process(null, () -> {
                q.qsize();
                ready.await();
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += q.get();
                }
                done.put(sum);
            });
            Process producer = ctx.process(null, () -> {
                q.qsize();
                ready.await();
                for (int i = 0; i < n; i++) {
                    q.put(i);
                }
            });
            consumer.start();
            producer.start();
            ready.await(Duration.ofMinutes(5));
            double s = seconds(() -> done.get(Duration.ofMinutes(10)));
            producer.join();
            consumer.join();
            return n / s;
        });
        HazelcastInstance client = cluster.client();
        IQueue<Integer> raw = client.getQueue("mp4j-bench-queue");
        double reference = best(() -> n / seconds(() -> {
            Thread consumer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        raw.take();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < n; i++) {
                raw.put(i);
            }
            consumer.join();
        }));
        rows.add(new Row("cluster_queue_items_per_s", ours, reference, "raw IQueue put/take (1 client, 2 threads)",
                "report", null));
    }

    /**
     * An agent SIGKILLed mid-map, with {@code retries(1)}: the time until the pool has ended the
     * workers it lost (their chunks then run elsewhere, the running one as a retry), and a check
     * that every result arrived. (A map without retries fails only once every chunk has ended, as
     * Python's does: its failure time is the remaining work's, not the detection's.)
     */
    private void agentDeath(LocalCluster cluster, boolean quiet) throws Exception {
        progress(quiet, "SIGKILL of an agent mid-map: time until its workers are ended and their chunks handed on");
        String lost = cluster.members().get(2);
        try (Pool pool = cluster.context().pool(PoolOptions.processes(3).retries(1))) {
            List<Integer> items = IntStream.range(0, 60).boxed().toList();
            AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
                Thread.sleep(200);
                return x;
            }, items, 1, r -> { }, e -> { });
            while (pool.insights().workers().stream().filter(w -> w.working().compareTo(Duration.ZERO) > 0).count() < 3) {
                Thread.sleep(10);
            }
            long killed = System.nanoTime();
            cluster.kill(2);
            while (pool.insights().workers().stream().anyMatch(w -> w.name().endsWith("@" + lost))) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - killed) / 1e9;
            if (!result.get(Duration.ofMinutes(5)).equals(items)) {
                throw new IllegalStateException("results lost or doubled after an agent's death");
            }
            rows.add(new Row("cluster_agent_sigkill_to_handover_s", seconds, Double.NaN, "",
                    "report (loopback: the closed connection; a silent machine: heartbeat 10 s)", null));
        }
    }

    // ---- measuring -------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Figure {
        double get() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The best of a few runs: the machine is shared, and the best is the least disturbed. */
    private double best(Figure figure) throws Exception {
        double best = 0;
        for (int i = 0; i < (quick ? 2 : 3); i++) {
            best = Math.max(best, figure.get());
        }
        return best;
    }

    // ---- output ----------------------------------------------------------------------------------

    private String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-36s %16s %16s %8s  %-28s %s%n", "workload", "multiprocessing4j", "reference", "ratio",
                "goal", ""));
        for (Row r : rows) {
            double ratio = r.ours() / r.reference();
            String verdict = r.minRatio() == null ? "" : ratio >= r.minRatio() ? "met" : "NOT MET";
            s.append(String.format(Locale.ROOT, "%-36s %16s %16s %8s  %-28s %s%n", r.name(), number(r.ours()), number(r.reference()),
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio), r.goal(), verdict));
        }
        s.append("references: ");
        rows.stream().filter(r -> !r.referenceName().isEmpty())
                .forEach(r -> s.append("\n  ").append(r.name()).append(": ").append(r.referenceName()));
        return s.append('\n').toString();
    }

    private String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.put(r.name(), r.ours());
            if (!Double.isNaN(r.reference())) {
                out.put(r.name() + "_reference", r.reference());
            }
        }
        StringBuilder s = new StringBuilder("{");
        out.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(String.format(Locale.ROOT, "%.3f", (Double) v)));
        return s.append("}\n").toString();
    }

    private static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        return Math.abs(x) >= 1000 ? String.format(Locale.ROOT, "%,.0f", x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
