package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;

import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Starts the workers of a pool. The engine is given one, so that it runs against child JVMs
 * ({@link JvmWorkers}) in production, against a cluster's agents in the {@code hazelcast} module,
 * and against in-process fakes in its tests.
 */
public interface WorkerLauncher {

    /**
     * Starts a worker, which says {@code POOL_READY} once its initializer ran.
     *
     * @param onMessage gets the worker and each frame it sends, in order, on one thread
     * @param onExit    gets the worker and its exit code once it has exited and every frame it sent
     *                  was given to {@code onMessage}; possibly before this method returns (a JVM
     *                  that cannot start exits at once)
     * @return the worker
     * @throws RuntimeException when it cannot be started
     */
    Worker launch(BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit);
}
