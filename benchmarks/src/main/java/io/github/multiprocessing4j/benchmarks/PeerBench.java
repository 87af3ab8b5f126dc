package io.github.multiprocessing4j.benchmarks;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.internal.runtime.AotCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mp4j bench}: the workloads of {@code python_peer.py} in Java and, when {@code python3}
 * is on the PATH, the peer itself, in the same run; then one table (or, with {@code --json}, one
 * JSON object with the Java figures and the peer's under {@code "cpython"}).
 *
 * <pre>
 *   ./mp4j bench            full sizes (the peer's), several runs each, median
 *   ./mp4j bench --quick    the same sizes, fewer runs: under two minutes on 2 cores
 *   ./mp4j bench --json     the JSON object only
 *   ./mp4j bench --only queue   one group of workloads (start, pool, queue, value, pipe)
 * </pre>
 */
public final class PeerBench {

    /**
     * A workload's key, how it compares, and the goal: a ratio to CPython's figure, or, when
     * {@code absolute}, the figure itself (a speed-up; CPython's is shown beside it).
     */
    record Goal(String key, String cpythonKey, boolean lowerIsBetter, double factor, boolean absolute, String text) {
        Goal(String key, String cpythonKey, boolean lowerIsBetter, double factor, String text) {
            this(key, cpythonKey, lowerIsBetter, factor, false, text);
        }
    }

    static final List<Goal> GOALS = List.of(
            new Goal("process_start_join_spawn_ms", "process_start_join_spawn_ms", true, 0.7, "<= 0.7x CPython spawn"),
            new Goal("process_start_join_forkserver_ms", "process_start_join_spawn_ms", true, 0.5, "<= 0.5x CPython spawn"),
            new Goal("process_start_join_warm_ms", "process_start_join_fork_ms", true, 1.0, "<= CPython fork"),
            new Goal("pool_map_tiny_items_per_s", "pool_map_tiny_items_per_s", false, 3, ">= 3x"),
            new Goal("pool_apply_async_tasks_per_s", "pool_apply_async_tasks_per_s", false, 5, ">= 5x"),
            new Goal("pool_cpu_speedup_2workers", "pool_cpu_speedup_2workers", false, 1.85, true, ">= 1.85 on 2 cores"),
            new Goal("threads_cpu_speedup_2", "-", false, Double.NaN, "report (2 threads, 1 JVM)"),
            new Goal("pool_vs_threads_speedup", "-", false, 0.95, true, ">= 0.95 (pool / threads)"),
            new Goal("pool_cpu_speedup_long_tasks", "-", false, 1.85, true, ">= 1.85 (tasks >= 50 ms)"),
            new Goal("pool_mixed_makespan_ratio", "pool_mixed_makespan_ratio", true, 1.05, true, "<= 1.05"),
            new Goal("queue_small_msgs_per_s", "queue_small_msgs_per_s", false, 10, ">= 10x"),
            new Goal("queue_large_mb_per_s", "queue_large_mb_per_s", false, 3, ">= 3x"),
            new Goal("value_locked_incr_per_s", "value_locked_incr_per_s", false, 10, ">= 10x"),
            new Goal("pipe_roundtrip_us", "pipe_roundtrip_us", true, 0.5, "<= 0.5x"),
            new Goal("manager_dict_roundtrip_us", "manager_dict_roundtrip_us", true, 0.25, "<= 0.25x"),
            new Goal("manager_locked_incr_per_s", "manager_locked_incr_per_s", false, 5, ">= 5x"),
            new Goal("manager_merge_incr_per_s", "manager_locked_incr_per_s", false, Double.NaN, "report (vs CPython locked)"),
            new Goal("shm_create_unlink_us", "shm_create_unlink_us", true, 1.0, "<= CPython"),
            new Goal("pool_worker_rss_mb", "pool_worker_rss_mb", true, Double.NaN, "report"),
            new Goal("pool_worker_idle_pss_mb", "pool_worker_idle_pss_mb", true, 25, true, "<= 25 MB"),
            new Goal("pool_worker_pss_mb", "pool_worker_pss_mb", true, 50, true, "<= 50 MB after the maps"));

    private PeerBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        boolean quick = flags.contains("--quick");
        boolean json = flags.contains("--json");
        int only = flags.indexOf("--only");
        String group = only >= 0 && only + 1 < flags.size() ? flags.get(only + 1) : null;
        if (only >= 0 && !GROUPS.contains(group)) {
            System.err.println("--only takes one of " + GROUPS + ", not " + group);
            System.exit(2);
        }
        Map<String, Object> cpython = flags.contains("--no-python") ? null : runPeer(quick, json);
        Map<String, Double> ours = runJava(quick, json, group);
        if (json) {
            System.out.println(toJson(ours, cpython));
        } else {
            System.out.print(table(ours, cpython));
        }
        System.exit(0);
    }

    /** The groups of workloads {@code --only} selects. */
    static final List<String> GROUPS = List.of("start", "pool", "queue", "value", "pipe", "manager", "shm");

    /** @param group the only group of workloads to run ({@link #GROUPS}), null for all */
    static Map<String, Double> runJava(boolean quick, boolean quiet, String group) throws InterruptedException {
        if (!quiet) {
            System.err.println("  preparing the AOT cache of child JVMs (a training of a few seconds, once per build of the jars) ...");
        }
        if (!AotCache.prepare(Duration.ofMinutes(2)) && !quiet) {
            System.err.println("  (child JVMs start without an AOT cache: the class path has directories, or -D"
                    + AotCache.PROPERTY + "=false)");
        }
        Workloads w = new Workloads(quick);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("cpus", (double) Multiprocessing.cpuCount());
        if (group == null || group.equals("start")) {
            start(w, out, quiet);
        }
        if (group == null || group.equals("pool")) {
            pool(w, out, quiet);
        }
        if (group == null || group.equals("queue")) {
            queue(w, out, quiet);
        }
        if (group == null || group.equals("value")) {
            progress(quiet, "locked Value increments");
            out.put("value_locked_incr_per_s", w.valueLockedIncrementsPerSecond());
        }
        if (group == null || group.equals("pipe")) {
            progress(quiet, "pipe round trip");
            out.put("pipe_roundtrip_us", w.pipeRoundTripMicros());
        }
        if (group == null || group.equals("manager")) {
            progress(quiet, "manager dict and increments");
            double[] manager = w.manager();
            out.put("manager_dict_roundtrip_us", manager[0]);
            out.put("manager_locked_incr_per_s", manager[1]);
            out.put("manager_merge_incr_per_s", manager[2]);
        }
        if (group == null || group.equals("shm")) {
            progress(quiet, "SharedMemory create+close+unlink");
            out.put("shm_create_unlink_us", w.shmCreateUnlinkMicros());
        }
        return out;
    }

    private static void start(Workloads w, Map<String, Double> out, boolean quiet) {
        progress(quiet, "process start+join (spawn)");
        out.put("process_start_join_spawn_ms", w.processStartJoinMs(Multiprocessing.getContext("spawn")));
        progress(quiet, "process start+join (forkserver)");
        out.put("process_start_join_forkserver_ms", w.processStartJoinMs(Multiprocessing.getContext("forkserver")));
        progress(quiet, "process start+join (warm)");
        out.put("process_start_join_warm_ms", w.processStartJoinMs(Multiprocessing.getContext("warm")));
    }

    private static void pool(Workloads w, Map<String, Double> out, boolean quiet) {
        try (Pool pool = new Pool(2)) {
            pool.map(x -> x, List.of(1, 2)); // both workers up
            out.put("pool_worker_idle_pss_mb", Workloads.workerPssMb(pool));
            progress(quiet, "pool map, tiny items");
            out.put("pool_map_tiny_items_per_s", w.poolMapTinyItemsPerSecond(pool));
            out.put("pool_worker_rss_mb", Workloads.workerRssMb(pool));
            out.put("pool_worker_pss_mb", Workloads.workerPssMb(pool));
            progress(quiet, "pool applyAsync");
            out.put("pool_apply_async_tasks_per_s", w.poolApplyAsyncTasksPerSecond(pool));
            progress(quiet, "pool CPU speedup");
            out.put("pool_cpu_speedup_2workers", w.poolCpuSpeedup(pool));
            progress(quiet, "CPU speedup of 2 threads");
            out.put("threads_cpu_speedup_2", w.threadsCpuSpeedup());
            out.put("pool_vs_threads_speedup", out.get("pool_cpu_speedup_2workers") / out.get("threads_cpu_speedup_2"));
            progress(quiet, "pool CPU speedup, long tasks");
            out.put("pool_cpu_speedup_long_tasks", w.poolCpuSpeedupLongTasks(pool));
            progress(quiet, "pool makespan of long and short tasks");
            out.put("pool_mixed_makespan_ratio", w.poolMixedMakespanRatio(pool));
        }
    }

    private static void queue(Workloads w, Map<String, Double> out, boolean quiet) {
        progress(quiet, "queue, small items");
        out.put("queue_small_msgs_per_s", w.queueThroughput(64, 200_000)[0]);
        progress(quiet, "queue, 1 MiB items");
        double[] large = w.queueThroughput(1 << 20, 1000);
        out.put("queue_large_msgs_per_s", large[0]);
        out.put("queue_large_mb_per_s", large[1]);
    }

    private static void progress(boolean quiet, String what) {
        if (!quiet) {
            System.err.println("  measuring " + what + " ...");
        }
    }

    /** Runs the peer (the project's copy of python_peer.py); null when python3 is not there. */
    static Map<String, Object> runPeer(boolean quick, boolean quiet) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("mp4j.peer", "benchmarks/python/python_peer.py"));
        if (!Files.exists(script)) {
            return null;
        }
        if (!quiet) {
            System.err.println("  running the CPython peer (" + script + ") ...");
        }
        ProcessBuilder builder = new ProcessBuilder(quick ? List.of("python3", script.toString(), "--quick")
                : List.of("python3", script.toString())).redirectError(ProcessBuilder.Redirect.DISCARD);
        java.lang.Process python;
        try {
            python = builder.start();
        } catch (IOException e) {
            return null; // no python3 on the PATH
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(10, TimeUnit.MINUTES) || python.exitValue() != 0) {
            return null;
        }
        return FlatJson.parse(out);
    }

    static String toJson(Map<String, Double> ours, Map<String, Object> cpython) {
        Map<String, Object> all = new LinkedHashMap<>(ours);
        if (cpython != null) {
            all.put("cpython", cpython);
        }
        return FlatJson.write(all);
    }

    static String table(Map<String, Double> ours, Map<String, Object> cpython) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-30s %14s %18s %8s  %-22s %s%n", "workload", "CPython", "multiprocessing4j", "ratio", "goal", ""));
        for (Goal goal : GOALS) {
            if (!ours.containsKey(goal.key())) {
                continue; // not measured (--only)
            }
            double mine = ours.get(goal.key());
            double theirs = cpython != null && cpython.get(goal.cpythonKey()) instanceof Double d ? d : Double.NaN;
            double ratio = goal.absolute() ? Double.NaN : mine / theirs;
            String verdict;
            if (Double.isNaN(goal.factor())) {
                verdict = "";
            } else if (goal.absolute()) {
                verdict = (goal.lowerIsBetter() ? mine <= goal.factor() : mine >= goal.factor()) ? "met" : "not met";
            } else if (Double.isNaN(theirs)) {
                verdict = "(no CPython figure)";
            } else {
                verdict = (goal.lowerIsBetter() ? ratio <= goal.factor() : ratio >= goal.factor()) ? "met" : "not met";
            }
            s.append(String.format(Locale.ROOT, "%-30s %14s %18s %8s  %-22s %s%n", goal.key(), number(theirs), number(mine),
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio), goal.text(), verdict));
        }
        if (cpython != null && cpython.get("process_start_join_fork_ms") instanceof Double fork) {
            s.append(String.format(Locale.ROOT, "(CPython fork start+join: %s ms; the warm goal compares with it)%n", number(fork)));
        }
        return s.toString();
    }

    private static String number(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return Math.abs(x) >= 1000 ? String.format(Locale.ROOT, "%,.0f", x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
