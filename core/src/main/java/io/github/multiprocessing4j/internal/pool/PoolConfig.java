package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.runtime.WarmPool;

import java.time.Duration;
import java.util.List;

/**
 * A pool's settings, checked by {@code PoolOptions}.
 *
 * @param processes        the number of workers, at least 1
 * @param initializer      the serialized initializer, or null
 * @param maxTasksPerChild tasks after which a worker is replaced; 0 for never
 * @param taskTimeout      how long a task may run before its worker is killed, or null
 * @param jvmOptions       options for the worker JVMs
 * @param progress         hears the progress of map calls, or null
 * @param idleJvms         where to take workers started ahead of need ({@code "warm"}, {@code "forkserver"}); null to launch them
 * @param retries          times a task whose worker died runs again
 * @param errors           makes the exceptions that results fail with (the public API's classes)
 */
public record PoolConfig(int processes, byte[] initializer, int maxTasksPerChild, Duration taskTimeout,
                         List<String> jvmOptions, PoolErrors.Progress progress, WarmPool idleJvms,
                         int retries, PoolErrors errors) {
}
