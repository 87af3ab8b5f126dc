package io.github.multiprocessing4j.internal.spi;

import io.github.multiprocessing4j.internal.pool.PoolConfig;
import io.github.multiprocessing4j.internal.pool.WorkerLauncher;

/** What a backend gives a {@code Pool} of its context: where the pool's workers run. */
@FunctionalInterface
public interface WorkerBackend {

    /**
     * @param config the pool's settings (initializer, JVM options…)
     * @return the launcher of that pool's workers
     */
    WorkerLauncher workers(PoolConfig config);
}
