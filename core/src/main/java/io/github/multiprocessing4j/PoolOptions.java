package io.github.multiprocessing4j;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Pool} (or a {@link ProcessPoolExecutor}) is made: Python's
 * {@code Pool(processes, initializer, initargs, maxtasksperchild)}, plus a per-task timeout,
 * options for the worker JVMs and a progress listener. Immutable: each method returns a copy.
 *
 * <pre>{@code
 * PoolOptions options = PoolOptions.processes(4)
 *         .initializer(() -> System.setProperty("app.mode", "worker"))   // once in each worker
 *         .maxTasksPerChild(1000)                                        // then a fresh worker JVM
 *         .taskTimeout(Duration.ofMinutes(1))                            // overdue: worker killed
 *         .jvmOptions(List.of("-Xmx512m"));
 * try (Pool pool = new Pool(options)) {
 *     ...
 * }
 * }</pre>
 *
 * @param processes        the number of worker JVMs
 * @param initializer      run once in each worker before its first task, or null
 * @param maxTasksPerChild tasks a worker runs before it is replaced by a fresh one; 0 for no limit
 * @param taskTimeout      how long a task may run; past it the worker is killed and replaced, and
 *                         the task fails with {@link ResultTimeoutException}. Null for no limit.
 *                         With a timeout each worker holds one chunk at a time, and a chunk of
 *                         {@code n} tasks may run {@code n} timeouts.
 * @param jvmOptions       options for the worker JVMs ({@code -Xmx256m}, {@code -Dkey=value}…),
 *                         after the library's defaults (which include {@code -XX:+ExitOnOutOfMemoryError})
 * @param progress         hears the progress of each {@code map}-like call, or null
 */
public record PoolOptions(int processes, SerializableRunnable initializer, int maxTasksPerChild,
                          Duration taskTimeout, List<String> jvmOptions, ProgressListener progress) {

    /**
     * @throws IllegalArgumentException when {@code processes < 1}, {@code maxTasksPerChild < 0},
     *                                  or {@code taskTimeout} is not positive
     */
    public PoolOptions {
        if (processes < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1, not " + processes);
        }
        if (maxTasksPerChild < 0) {
            throw new IllegalArgumentException("maxTasksPerChild must be positive (or 0 for no limit), not " + maxTasksPerChild);
        }
        if (taskTimeout != null && (taskTimeout.isNegative() || taskTimeout.isZero())) {
            throw new IllegalArgumentException("taskTimeout must be positive (or null for none), not " + taskTimeout);
        }
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
    }

    /** @return options for {@link Multiprocessing#cpuCount()} workers and nothing else */
    public static PoolOptions defaults() {
        return processes(Multiprocessing.cpuCount());
    }

    /** @return options for {@code processes} workers and nothing else */
    public static PoolOptions processes(int processes) {
        return new PoolOptions(processes, null, 0, null, List.of(), null);
    }

    /** @return a copy with {@code processes} workers */
    public PoolOptions withProcesses(int processes) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, progress);
    }

    /** @return a copy whose workers run {@code initializer} once before their first task */
    public PoolOptions initializer(SerializableRunnable initializer) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, progress);
    }

    /** @return a copy whose workers are replaced after {@code tasks} tasks (0: never) */
    public PoolOptions maxTasksPerChild(int tasks) {
        return new PoolOptions(processes, initializer, tasks, taskTimeout, jvmOptions, progress);
    }

    /** @return a copy with a per-task timeout (null: none) */
    public PoolOptions taskTimeout(Duration timeout) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, timeout, jvmOptions, progress);
    }

    /** @return a copy whose worker JVMs get {@code options} */
    public PoolOptions jvmOptions(List<String> options) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, options, progress);
    }

    /** @return a copy whose map calls report their progress to {@code listener} */
    public PoolOptions progress(ProgressListener listener) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, listener);
    }
}
