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
 *         .jvmOptions(List.of("-Xmx512m"))
 *         .retries(2);                                                   // a task whose worker died runs again
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
 * @param retries          how many times a task whose worker died (crash, signal, out of memory,
 *                         {@code System.exit}) runs again on another worker before it fails with
 *                         {@link WorkerDiedException}; 0 by default. A task that threw is never
 *                         run again: its exception is its result. A retry runs the whole chunk
 *                         the task was in.
 */
public record PoolOptions(int processes, SerializableRunnable initializer, int maxTasksPerChild,
                          Duration taskTimeout, List<String> jvmOptions, ProgressListener progress, int retries) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when {@code processes < 1}, {@code maxTasksPerChild < 0},
     *                                  {@code retries < 0}, or {@code taskTimeout} is not positive
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
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
        }
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
    }

    /** {@return options for {@link Multiprocessing#cpuCount()} workers and nothing else} */
    public static PoolOptions defaults() {
        return processes(Multiprocessing.cpuCount());
    }

    /**
     * Options for {@code processes} workers and nothing else.
     *
     * @return options for {@code processes} workers and nothing else
     *
     * @param processes the number of worker JVMs, at least 1
     */
    public static PoolOptions processes(int processes) {
        return new PoolOptions(processes, null, 0, null, List.of(), null, 0);
    }

    /**
     * The number of worker JVMs.
     *
     * @return a copy with {@code processes} workers
     *
     * @param processes the number of worker JVMs, at least 1
     */
    public PoolOptions withProcesses(int processes) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, progress, retries);
    }

    /**
     * Code each worker runs once, before its first task (Python's {@code initializer}).
     *
     * @return a copy whose workers run {@code initializer} once before their first task
     *
     * @param initializer run once in each worker before its first task; null for none
     */
    public PoolOptions initializer(SerializableRunnable initializer) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, progress, retries);
    }

    /**
     * Replaces a worker after this many tasks (Python's {@code maxtasksperchild}).
     *
     * @return a copy whose workers are replaced after {@code tasks} tasks (0: never)
     *
     * @param tasks how many tasks a worker runs before it is replaced; 0 for never
     */
    public PoolOptions maxTasksPerChild(int tasks) {
        return new PoolOptions(processes, initializer, tasks, taskTimeout, jvmOptions, progress, retries);
    }

    /**
     * How long a task may run: past it, its worker is killed and replaced, and the task fails with {@link ResultTimeoutException}.
     *
     * @return a copy with a per-task timeout (null: none)
     *
     * @param timeout how long to wait
     */
    public PoolOptions taskTimeout(Duration timeout) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, timeout, jvmOptions, progress, retries);
    }

    /**
     * Options for each worker JVM.
     *
     * @return a copy whose worker JVMs get {@code options}
     *
     * @param options options for the worker JVMs, such as {@code -Xmx256m}
     */
    public PoolOptions jvmOptions(List<String> options) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, options, progress, retries);
    }

    /**
     * A listener told how many of a map call's tasks are done.
     *
     * @return a copy whose map calls report their progress to {@code listener}
     *
     * @param listener hears how many of a map call's tasks are done
     */
    public PoolOptions progress(ProgressListener listener) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, listener, retries);
    }

    /**
     * Runs a task again, on another worker, when the worker running it dies (a crash, a signal, out
     * of memory, {@code System.exit}), up to {@code retries} times; after the last attempt the task
     * fails with a {@link WorkerDiedException} whose {@link WorkerDiedException#attempts()} lists
     * every death. A task that threw is never run again. Python's pools have no such option; Dask's
     * and Ray's tasks do.
     *
     * <pre>{@code
     * try (Pool pool = new Pool(PoolOptions.processes(4).retries(2))) {
     *     pool.map(Crawler::fetch, urls);   // a worker killed by the OOM killer costs a retry, not the call
     * }
     * }</pre>
     *
     * @return a copy whose tasks run up to {@code 1 + retries} times when their workers die
     *
     * @param retries how many times to run a task again after its worker died; 0 for never
     */
    public PoolOptions retries(int retries) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, taskTimeout, jvmOptions, progress, retries);
    }
}
